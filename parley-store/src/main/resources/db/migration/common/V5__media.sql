-- MMS media (Twilio's Media sub-resource of a message): one row per stored file, keyed by account first.
-- The bytes live in the data directory (media/<account_sid>/<message_sid>/<sid>), written before the row commits.
CREATE TABLE media (
    account_sid  VARCHAR(34)  NOT NULL,
    sid          VARCHAR(34)  NOT NULL,
    message_sid  VARCHAR(34)  NOT NULL,
    position     INTEGER      NOT NULL,
    content_type VARCHAR(255) NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    date_created BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE INDEX media_by_message ON media (account_sid, message_sid, date_created, sid);
