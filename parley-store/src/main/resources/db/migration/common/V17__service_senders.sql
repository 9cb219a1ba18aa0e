-- Short codes and the Messaging Service senders beside phone numbers (issue 11, item 5): ShortCodes, AlphaSenders,
-- DestinationAlphaSenders and ChannelSenders. Booleans are INTEGER 0/1, the portable subset (see stack notes).

-- Short codes an account owns (Twilio provisions them out of band; Parley through POST /parley/v1/ShortCodes).
-- A code belongs to one account per country across the installation.
CREATE TABLE short_codes (
    account_sid         VARCHAR(34) NOT NULL,
    sid                 VARCHAR(34) NOT NULL,
    short_code          VARCHAR(16) NOT NULL,
    iso_country_code    VARCHAR(2)  NOT NULL,
    friendly_name       TEXT        NOT NULL,
    sms_url             TEXT,
    sms_method          VARCHAR(8)  NOT NULL,
    sms_fallback_url    TEXT,
    sms_fallback_method VARCHAR(8)  NOT NULL,
    channel             VARCHAR(64) NOT NULL,
    date_created        BIGINT      NOT NULL,
    date_updated        BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE UNIQUE INDEX short_codes_by_code ON short_codes (iso_country_code, short_code);
CREATE INDEX short_codes_by_date ON short_codes (account_sid, date_created, sid);

-- A short code is in at most one Messaging Service, as a number is.
CREATE TABLE messaging_service_short_codes (
    account_sid      VARCHAR(34) NOT NULL,
    service_sid      VARCHAR(34) NOT NULL,
    short_code_sid   VARCHAR(34) NOT NULL,
    short_code       VARCHAR(16) NOT NULL,
    iso_country_code VARCHAR(2)  NOT NULL,
    date_created     BIGINT      NOT NULL,
    date_updated     BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, service_sid, short_code_sid)
);
CREATE UNIQUE INDEX messaging_service_short_codes_by_code
    ON messaging_service_short_codes (account_sid, short_code_sid);
CREATE INDEX messaging_service_short_codes_by_date
    ON messaging_service_short_codes (account_sid, service_sid, date_created, short_code_sid);

-- AlphaSenders (destination = 0) and DestinationAlphaSenders (destination = 1) of a service. slot makes Twilio's
-- limits a unique key without a partial index: 'alpha' (one AlphaSender per service), 'dest:FR' (one per country),
-- 'dest:*' (one default destination alpha sender).
CREATE TABLE messaging_service_alpha_senders (
    account_sid      VARCHAR(34) NOT NULL,
    service_sid      VARCHAR(34) NOT NULL,
    sid              VARCHAR(34) NOT NULL,
    alpha_sender     VARCHAR(11) NOT NULL,
    iso_country_code VARCHAR(2),
    destination      INTEGER     NOT NULL,
    slot             VARCHAR(16) NOT NULL,
    channel          VARCHAR(64) NOT NULL,
    date_created     BIGINT      NOT NULL,
    date_updated     BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE UNIQUE INDEX messaging_service_alpha_senders_by_slot
    ON messaging_service_alpha_senders (account_sid, service_sid, slot);
CREATE INDEX messaging_service_alpha_senders_by_date
    ON messaging_service_alpha_senders (account_sid, service_sid, destination, date_created, sid);

-- WhatsApp senders (numbers with a whatsapp_channel) in a service's ChannelSenders; one service per sender.
CREATE TABLE messaging_service_channel_senders (
    account_sid      VARCHAR(34) NOT NULL,
    service_sid      VARCHAR(34) NOT NULL,
    phone_number_sid VARCHAR(34) NOT NULL,
    phone_number     VARCHAR(16) NOT NULL,
    date_created     BIGINT      NOT NULL,
    date_updated     BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, service_sid, phone_number_sid)
);
CREATE UNIQUE INDEX messaging_service_channel_senders_by_number
    ON messaging_service_channel_senders (account_sid, phone_number_sid);
CREATE INDEX messaging_service_channel_senders_by_date
    ON messaging_service_channel_senders (account_sid, service_sid, date_created, phone_number_sid);
