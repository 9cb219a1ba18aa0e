-- Web chat (issue 14; ADR 0027). The client message id a chat identity sent a message with: a retried send finds the
-- message stored the first time instead of storing it again. A row goes with its message.
CREATE TABLE conversation_client_messages (
    account_sid       VARCHAR(34)  NOT NULL,
    conversation_sid  VARCHAR(34)  NOT NULL,
    identity          VARCHAR(255) NOT NULL,
    client_message_id VARCHAR(64)  NOT NULL,
    message_sid       VARCHAR(34)  NOT NULL,
    date_created      BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, conversation_sid, identity, client_message_id)
);
CREATE INDEX conversation_client_messages_by_message ON conversation_client_messages (account_sid, message_sid);

-- The conversations chat identities started on a chat-type address configuration: the identity's next start on that
-- address goes to the open one instead of creating another.
CREATE TABLE chat_address_conversations (
    account_sid      VARCHAR(34)  NOT NULL,
    address_sid      VARCHAR(34)  NOT NULL,
    identity         VARCHAR(255) NOT NULL,
    conversation_sid VARCHAR(34)  NOT NULL,
    date_created     BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, address_sid, identity, conversation_sid)
);
