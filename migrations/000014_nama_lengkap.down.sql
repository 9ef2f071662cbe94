DROP FUNCTION nama_lengkap(text, text, text);
