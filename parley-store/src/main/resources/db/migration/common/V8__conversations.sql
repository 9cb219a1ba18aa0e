-- Conversations (issue 4, items 1-3 and the Services part of item 7). Every table is keyed by account first.

-- Conversation Services (IS). default_of is the account's SID on the account's default service and NULL on the
-- others: its unique index makes the default exist at most once per account, whoever creates it first.
CREATE TABLE chat_services (
    account_sid   VARCHAR(34) NOT NULL,
    sid           VARCHAR(34) NOT NULL,
    friendly_name TEXT        NOT NULL,
    default_of    VARCHAR(34),
    date_created  BIGINT      NOT NULL,
    date_updated  BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE UNIQUE INDEX chat_services_default ON chat_services (default_of);
CREATE INDEX chat_services_by_date ON chat_services (account_sid, date_created, sid);

-- Conversations (CH). Timers are ISO 8601 durations as given; date_inactive/date_closed are when they fire.
-- next_index is the index the next message takes: incremented under the row's lock, so indexes never repeat.
CREATE TABLE conversations (
    account_sid           VARCHAR(34)  NOT NULL,
    sid                   VARCHAR(34)  NOT NULL,
    chat_service_sid      VARCHAR(34)  NOT NULL,
    messaging_service_sid VARCHAR(34),
    friendly_name         TEXT,
    unique_name           VARCHAR(255),
    attributes            TEXT         NOT NULL,
    state                 VARCHAR(16)  NOT NULL,
    timer_inactive        VARCHAR(64),
    timer_closed          VARCHAR(64),
    date_inactive         BIGINT,
    date_closed           BIGINT,
    next_index            BIGINT       NOT NULL,
    date_created          BIGINT       NOT NULL,
    date_updated          BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE UNIQUE INDEX conversations_by_unique_name ON conversations (account_sid, chat_service_sid, unique_name);
CREATE INDEX conversations_by_date ON conversations (account_sid, chat_service_sid, date_created, sid);

-- Participants (MB): a chat identity, or a messaging address (sms/whatsapp) with the proxy address it talks to.
CREATE TABLE conversation_participants (
    account_sid             VARCHAR(34)  NOT NULL,
    sid                     VARCHAR(34)  NOT NULL,
    conversation_sid        VARCHAR(34)  NOT NULL,
    chat_service_sid        VARCHAR(34)  NOT NULL,
    identity                VARCHAR(255),
    address                 VARCHAR(255),
    proxy_address           VARCHAR(255),
    projected_address       VARCHAR(255),
    attributes              TEXT         NOT NULL,
    role_sid                VARCHAR(34),
    last_read_message_index BIGINT,
    last_read_timestamp     VARCHAR(64),
    date_created            BIGINT       NOT NULL,
    date_updated            BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE INDEX conversation_participants_by_conversation
    ON conversation_participants (account_sid, conversation_sid, date_created, sid);
CREATE UNIQUE INDEX conversation_participants_by_identity
    ON conversation_participants (account_sid, conversation_sid, identity);
CREATE INDEX conversation_participants_by_binding ON conversation_participants (address, proxy_address);

-- Conversation messages (IM); the index orders a conversation's history, 0, 1, 2, ...
CREATE TABLE conversation_messages (
    account_sid      VARCHAR(34)  NOT NULL,
    sid              VARCHAR(34)  NOT NULL,
    conversation_sid VARCHAR(34)  NOT NULL,
    chat_service_sid VARCHAR(34)  NOT NULL,
    message_index    BIGINT       NOT NULL,
    author           VARCHAR(255) NOT NULL,
    body             TEXT,
    media_sids       TEXT,
    attributes       TEXT         NOT NULL,
    participant_sid  VARCHAR(34),
    date_created     BIGINT       NOT NULL,
    date_updated     BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE UNIQUE INDEX conversation_messages_by_index
    ON conversation_messages (account_sid, conversation_sid, message_index);

-- Fan-out: the Messaging-layer message (SM/MM) each conversation message became for each SMS/WhatsApp participant
-- (message_sid NULL with error_code when the Messaging layer refused it). For delivery receipts later.
CREATE TABLE conversation_deliveries (
    account_sid              VARCHAR(34) NOT NULL,
    conversation_message_sid VARCHAR(34) NOT NULL,
    participant_sid          VARCHAR(34) NOT NULL,
    conversation_sid         VARCHAR(34) NOT NULL,
    message_sid              VARCHAR(34),
    error_code               INTEGER,
    date_created             BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, conversation_message_sid, participant_sid)
);
CREATE INDEX conversation_deliveries_by_message ON conversation_deliveries (account_sid, message_sid);
