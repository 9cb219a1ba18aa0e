-- FriendlyName is optional when creating an API key (Twilio answers friendly_name null then), so the column
-- takes NULL. SQLite cannot drop a NOT NULL constraint in place: the table is rebuilt, in the portable subset
-- both databases run (a dropped table takes its indexes along; they are created again on the new one).
CREATE TABLE api_keys_v20 (
    account_sid   VARCHAR(34)  NOT NULL,
    sid           VARCHAR(34)  NOT NULL,
    friendly_name TEXT,
    secret_hash   VARCHAR(255) NOT NULL,
    date_created  BIGINT       NOT NULL,
    date_updated  BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
INSERT INTO api_keys_v20 (account_sid, sid, friendly_name, secret_hash, date_created, date_updated)
    SELECT account_sid, sid, friendly_name, secret_hash, date_created, date_updated FROM api_keys;
DROP TABLE api_keys;
ALTER TABLE api_keys_v20 RENAME TO api_keys;
-- Authentication looks a key up by its SID alone.
CREATE INDEX api_keys_by_sid ON api_keys (sid);
CREATE INDEX api_keys_by_date ON api_keys (account_sid, date_created, sid);
