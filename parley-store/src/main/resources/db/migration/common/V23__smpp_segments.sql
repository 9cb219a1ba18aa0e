-- The segments Parley submitted on its SMPP carrier connections (ADR 24): one row per segment the SMSC acknowledged,
-- written as soon as its submit_sm_resp arrives, under the SMSC's message_id normalized (decimal and hex ids compare
-- as numbers). A message job that runs again resubmits only the segments without a row. A segment's receipt is kept
-- on its row; a message is delivered when every segment's is.
CREATE TABLE smpp_segments (
    connection     VARCHAR(64) NOT NULL,
    message_sid    VARCHAR(34) NOT NULL,
    seq            INTEGER     NOT NULL,
    account_sid    VARCHAR(34) NOT NULL,
    total          INTEGER     NOT NULL,
    smsc_id        VARCHAR(80) NOT NULL,
    submitted_at   BIGINT      NOT NULL,
    receipt_status VARCHAR(16),
    error_code     INTEGER,
    done_at        BIGINT,
    PRIMARY KEY (connection, message_sid, seq)
);
-- Receipts are matched by (connection, SMSC id).
CREATE INDEX smpp_segments_by_smsc_id ON smpp_segments (connection, smsc_id);
-- A connection's state counts the segments still awaiting a receipt.
CREATE INDEX smpp_segments_awaiting ON smpp_segments (connection, receipt_status);
-- Receipts that overtook their segment's submit_sm_resp (or its commit): applied when the segment is stored.
CREATE TABLE smpp_early_receipts (
    connection   VARCHAR(64) NOT NULL,
    smsc_id      VARCHAR(80) NOT NULL,
    status       VARCHAR(16) NOT NULL,
    error_code   INTEGER,
    done_at      BIGINT      NOT NULL,
    received_at  BIGINT      NOT NULL,
    PRIMARY KEY (connection, smsc_id)
);
