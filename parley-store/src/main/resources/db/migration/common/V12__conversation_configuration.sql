-- Conversations Configuration and address configurations (issue 4, item 6). Every table is keyed by account first.

-- The account's Conversations defaults (/v1/Configuration): applied to conversations created without their own.
-- The default chat service is not here: chat_services.default_of marks it, one source of truth for every path.
CREATE TABLE conversation_configurations (
    account_sid                   VARCHAR(34) NOT NULL,
    default_messaging_service_sid VARCHAR(34),
    default_inactive_timer        VARCHAR(64),
    default_closed_timer          VARCHAR(64),
    date_updated                  BIGINT      NOT NULL,
    PRIMARY KEY (account_sid)
);

-- Address configurations (IG): what an inbound message to one of the account's addresses does when its sender is
-- in no open conversation on it. address is the wire form (+E.164, or whatsapp:+E.164); one row per address.
-- webhook_filters holds the event names separated by commas ("" for none).
CREATE TABLE conversation_address_configurations (
    account_sid         VARCHAR(34)  NOT NULL,
    sid                 VARCHAR(34)  NOT NULL,
    address_type        VARCHAR(16)  NOT NULL,
    address             VARCHAR(255) NOT NULL,
    friendly_name       TEXT,
    address_country     VARCHAR(8),
    auto_enabled        INTEGER      NOT NULL,
    auto_type           VARCHAR(16)  NOT NULL,
    auto_service_sid    VARCHAR(34),
    webhook_url         TEXT,
    webhook_method      VARCHAR(8),
    webhook_filters     TEXT         NOT NULL,
    studio_flow_sid     VARCHAR(34),
    studio_retry_count  INTEGER,
    date_created        BIGINT       NOT NULL,
    date_updated        BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE UNIQUE INDEX conversation_address_configurations_by_address
    ON conversation_address_configurations (account_sid, address);
CREATE INDEX conversation_address_configurations_by_date
    ON conversation_address_configurations (account_sid, date_created, sid);

-- A Conversation Service's configuration (/Services/{Sid}/Configuration): its default roles and the reachability
-- switch. A service without a row has them all unset (reachability off).
CREATE TABLE chat_service_configurations (
    account_sid                           VARCHAR(34) NOT NULL,
    chat_service_sid                      VARCHAR(34) NOT NULL,
    default_conversation_creator_role_sid VARCHAR(34),
    default_conversation_role_sid         VARCHAR(34),
    default_chat_service_role_sid         VARCHAR(34),
    reachability_enabled                  INTEGER     NOT NULL,
    date_updated                          BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, chat_service_sid)
);
