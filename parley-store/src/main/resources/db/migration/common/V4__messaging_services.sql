-- Messaging Services (issue 3): the services, their sender pools, and the sender each service last used for a
-- recipient (sticky sender). Booleans are INTEGER 0/1, the portable subset (see docs/stack-notes.md).

CREATE TABLE messaging_services (
    account_sid                   VARCHAR(34) NOT NULL,
    sid                           VARCHAR(34) NOT NULL,
    friendly_name                 TEXT        NOT NULL,
    inbound_request_url           TEXT,
    inbound_method                VARCHAR(8)  NOT NULL,
    fallback_url                  TEXT,
    fallback_method               VARCHAR(8)  NOT NULL,
    status_callback               TEXT,
    sticky_sender                 INTEGER     NOT NULL,
    mms_converter                 INTEGER     NOT NULL,
    smart_encoding                INTEGER     NOT NULL,
    scan_message_content          VARCHAR(16) NOT NULL,
    fallback_to_long_code         INTEGER     NOT NULL,
    area_code_geomatch            INTEGER     NOT NULL,
    validity_period               INTEGER     NOT NULL,
    synchronous_validation        INTEGER     NOT NULL,
    usecase                       VARCHAR(32) NOT NULL,
    use_inbound_webhook_on_number INTEGER     NOT NULL,
    date_created                  BIGINT      NOT NULL,
    date_updated                  BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE INDEX messaging_services_by_date ON messaging_services (account_sid, date_created, sid);

-- A number is in at most one pool: unique per (account, number), a number belonging to one account.
CREATE TABLE messaging_service_numbers (
    account_sid      VARCHAR(34) NOT NULL,
    service_sid      VARCHAR(34) NOT NULL,
    phone_number_sid VARCHAR(34) NOT NULL,
    phone_number     VARCHAR(16) NOT NULL,
    date_created     BIGINT      NOT NULL,
    date_updated     BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, service_sid, phone_number_sid)
);
CREATE UNIQUE INDEX messaging_service_numbers_by_number ON messaging_service_numbers (account_sid, phone_number_sid);
CREATE INDEX messaging_service_numbers_by_date
    ON messaging_service_numbers (account_sid, service_sid, date_created, phone_number_sid);

CREATE TABLE sticky_senders (
    account_sid  VARCHAR(34)  NOT NULL,
    service_sid  VARCHAR(34)  NOT NULL,
    recipient    VARCHAR(255) NOT NULL,
    sender       VARCHAR(255) NOT NULL,
    date_created BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, service_sid, recipient)
);
