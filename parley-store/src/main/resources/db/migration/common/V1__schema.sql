-- Portable subset of SQLite and PostgreSQL (see docs/stack-notes.md): application-generated text keys,
-- timestamps as BIGINT epoch microseconds written by the application, lists and maps as JSON in TEXT.
-- Every table is keyed by account_sid first, except the two lookups that are global by design:
-- numbers by phone number (unique across the installation) and jobs by due time.

CREATE TABLE accounts (
    sid               VARCHAR(34) NOT NULL PRIMARY KEY,
    owner_account_sid VARCHAR(34) NOT NULL,
    friendly_name     TEXT        NOT NULL,
    status            VARCHAR(16) NOT NULL,
    auth_token        VARCHAR(64) NOT NULL,
    date_created      BIGINT      NOT NULL,
    date_updated      BIGINT      NOT NULL
);
CREATE INDEX accounts_by_owner ON accounts (owner_account_sid, date_created, sid);

CREATE TABLE api_keys (
    account_sid   VARCHAR(34)  NOT NULL,
    sid           VARCHAR(34)  NOT NULL,
    friendly_name TEXT         NOT NULL,
    secret_hash   VARCHAR(255) NOT NULL,
    date_created  BIGINT       NOT NULL,
    date_updated  BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
-- Authentication looks a key up by its SID alone.
CREATE INDEX api_keys_by_sid ON api_keys (sid);
CREATE INDEX api_keys_by_date ON api_keys (account_sid, date_created, sid);

CREATE TABLE incoming_phone_numbers (
    account_sid            VARCHAR(34) NOT NULL,
    sid                    VARCHAR(34) NOT NULL,
    phone_number           VARCHAR(16) NOT NULL,
    friendly_name          TEXT        NOT NULL,
    sms_url                TEXT,
    sms_method             VARCHAR(8),
    sms_fallback_url       TEXT,
    sms_fallback_method    VARCHAR(8),
    status_callback        TEXT,
    status_callback_method VARCHAR(8),
    channel                VARCHAR(64),
    date_created           BIGINT      NOT NULL,
    date_updated           BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE UNIQUE INDEX incoming_phone_numbers_by_number ON incoming_phone_numbers (phone_number);
CREATE INDEX incoming_phone_numbers_by_date ON incoming_phone_numbers (account_sid, date_created, sid);

CREATE TABLE messages (
    account_sid            VARCHAR(34)  NOT NULL,
    sid                    VARCHAR(34)  NOT NULL,
    messaging_service_sid  VARCHAR(34),
    from_address           VARCHAR(255) NOT NULL,
    to_address             VARCHAR(255) NOT NULL,
    body                   TEXT,
    media_urls             TEXT,
    num_segments           INTEGER      NOT NULL,
    direction              VARCHAR(16)  NOT NULL,
    status                 VARCHAR(24)  NOT NULL,
    error_code             INTEGER,
    error_message          TEXT,
    price                  VARCHAR(32),
    price_unit             VARCHAR(8),
    channel                VARCHAR(64),
    provider_id            VARCHAR(255),
    status_callback_url    TEXT,
    status_callback_method VARCHAR(8),
    date_created           BIGINT       NOT NULL,
    date_updated           BIGINT       NOT NULL,
    date_sent              BIGINT,
    PRIMARY KEY (account_sid, sid)
);
CREATE INDEX messages_by_date ON messages (account_sid, date_created, sid);
CREATE INDEX messages_by_to ON messages (account_sid, to_address, date_created);
CREATE INDEX messages_by_from ON messages (account_sid, from_address, date_created);

CREATE TABLE opt_outs (
    account_sid  VARCHAR(34)  NOT NULL,
    sender       VARCHAR(255) NOT NULL,
    recipient    VARCHAR(255) NOT NULL,
    date_created BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, sender, recipient)
);

CREATE TABLE jobs (
    id           VARCHAR(34)  NOT NULL PRIMARY KEY,
    account_sid  VARCHAR(34)  NOT NULL,
    kind         VARCHAR(64)  NOT NULL,
    payload      TEXT,
    state        VARCHAR(8)   NOT NULL,
    run_at       BIGINT       NOT NULL,
    attempts     INTEGER      NOT NULL,
    max_attempts INTEGER      NOT NULL,
    lease_until  BIGINT,
    last_error   TEXT,
    created_at   BIGINT       NOT NULL
);
CREATE INDEX jobs_by_due ON jobs (state, run_at);
CREATE INDEX jobs_by_account ON jobs (account_sid, state, created_at, id);

CREATE TABLE webhook_log (
    account_sid      VARCHAR(34) NOT NULL,
    sid              VARCHAR(34) NOT NULL,
    job_id           VARCHAR(34),
    purpose          VARCHAR(64) NOT NULL,
    message_sid      VARCHAR(34),
    url              TEXT        NOT NULL,
    method           VARCHAR(8)  NOT NULL,
    attempt          INTEGER     NOT NULL,
    response_status  INTEGER,
    latency_millis   BIGINT      NOT NULL,
    response_excerpt TEXT,
    error            TEXT,
    outcome          VARCHAR(16) NOT NULL,
    date_created     BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE INDEX webhook_log_by_date ON webhook_log (account_sid, date_created, sid);
CREATE INDEX webhook_log_by_message ON webhook_log (account_sid, message_sid, date_created);

CREATE TABLE handsets (
    account_sid    VARCHAR(34)  NOT NULL,
    phone_number   VARCHAR(255) NOT NULL,
    mode           VARCHAR(16)  NOT NULL,
    error_code     INTEGER,
    latency_millis BIGINT,
    PRIMARY KEY (account_sid, phone_number)
);
