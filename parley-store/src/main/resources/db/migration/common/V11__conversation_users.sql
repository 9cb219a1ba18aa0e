-- Conversations item 7: Users, Roles, and the notification level of a user in a conversation.

-- Roles (RL) of a Conversation Service. default_name is the name of one of Twilio's four default roles
-- ("service admin", "service user", "channel admin", "channel user") and NULL on custom roles: its unique index makes
-- each default exist once per service, whoever creates it first. permissions: Twilio's names, comma-separated.
CREATE TABLE conversation_roles (
    account_sid      VARCHAR(34)  NOT NULL,
    sid              VARCHAR(34)  NOT NULL,
    chat_service_sid VARCHAR(34)  NOT NULL,
    friendly_name    TEXT         NOT NULL,
    role_type        VARCHAR(16)  NOT NULL,
    permissions      TEXT         NOT NULL,
    default_name     VARCHAR(32),
    date_created     BIGINT       NOT NULL,
    date_updated     BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE UNIQUE INDEX conversation_roles_default ON conversation_roles (account_sid, chat_service_sid, default_name);
CREATE INDEX conversation_roles_by_date ON conversation_roles (account_sid, chat_service_sid, date_created, sid);

-- Users (US): one per chat identity and service.
CREATE TABLE conversation_users (
    account_sid      VARCHAR(34)  NOT NULL,
    sid              VARCHAR(34)  NOT NULL,
    chat_service_sid VARCHAR(34)  NOT NULL,
    identity         VARCHAR(255) NOT NULL,
    friendly_name    TEXT,
    attributes       TEXT         NOT NULL,
    role_sid         VARCHAR(34),
    date_created     BIGINT       NOT NULL,
    date_updated     BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE UNIQUE INDEX conversation_users_by_identity ON conversation_users (account_sid, chat_service_sid, identity);
CREATE INDEX conversation_users_by_date ON conversation_users (account_sid, chat_service_sid, date_created, sid);

-- A user's notification level in a conversation (default|muted), on its participant; NULL means default.
ALTER TABLE conversation_participants ADD COLUMN notification_level VARCHAR(16);
CREATE INDEX conversation_participants_by_service_identity
    ON conversation_participants (account_sid, chat_service_sid, identity);
CREATE INDEX conversation_participants_by_service_address
    ON conversation_participants (account_sid, chat_service_sid, address);
