DROP TABLE frasa;
