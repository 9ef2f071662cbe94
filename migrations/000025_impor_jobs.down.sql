-- Nothing to undo: the failed batches stay failed.
SELECT 1;
