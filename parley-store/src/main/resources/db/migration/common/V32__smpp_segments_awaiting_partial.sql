-- A connection's state counts the segments still awaiting a receipt (receipt_status IS NULL). The index it used held
-- every segment ever submitted, and each receipt moved the segment's entry within it. As a partial index it holds only
-- the segments awaiting a receipt: a segment enters it when stored and leaves it at its receipt, and it stays as small
-- as the receipts outstanding. It keeps receipt_status as a column so that the count reads the index alone. The same
-- syntax on SQLite and PostgreSQL; the count names the condition as written here.
DROP INDEX smpp_segments_awaiting;
CREATE INDEX smpp_segments_awaiting ON smpp_segments (connection, receipt_status) WHERE receipt_status IS NULL;
