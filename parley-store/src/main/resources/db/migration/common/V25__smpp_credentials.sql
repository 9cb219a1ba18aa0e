-- Parley as SMSC (issue 13, item 6; ADR 0026): the credentials SMPP applications bind with, and which messages came
-- over which credential (for their receipts).

-- A system id is unique across the installation: a bind names no account. password_hash is a salted PBKDF2 hash;
-- allowed_networks a JSON list of CIDR blocks (empty: any address).
CREATE TABLE smpp_credentials (
    account_sid            VARCHAR(34) NOT NULL,
    sid                    VARCHAR(34) NOT NULL,
    system_id              VARCHAR(16) NOT NULL,
    password_hash          TEXT        NOT NULL,
    allowed_networks       TEXT        NOT NULL,
    bind_window            INTEGER     NOT NULL,
    max_submits_per_second INTEGER     NOT NULL,
    status_callback        TEXT,
    status_callback_method VARCHAR(8)  NOT NULL,
    friendly_name          TEXT,
    date_created           BIGINT      NOT NULL,
    date_updated           BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE UNIQUE INDEX smpp_credentials_by_system_id ON smpp_credentials (system_id);
CREATE INDEX smpp_credentials_by_date ON smpp_credentials (account_sid, date_created, sid);

-- One row per submit_sm Parley accepted: id is the message_id its submit_sm_resp carried. message_sid stays null
-- while a concatenated message's other parts are missing (concat_key names them). receipt is registered_delivery's
-- low bits: 0 none, 1 always, 2 on failure.
CREATE TABLE smpp_submits (
    id             VARCHAR(64) NOT NULL,
    credential_sid VARCHAR(34) NOT NULL,
    account_sid    VARCHAR(34) NOT NULL,
    message_sid    VARCHAR(34),
    concat_key     VARCHAR(200),
    receipt        INTEGER     NOT NULL,
    date_created   BIGINT      NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX smpp_submits_by_message ON smpp_submits (message_sid);
CREATE INDEX smpp_submits_by_concat ON smpp_submits (credential_sid, concat_key);
