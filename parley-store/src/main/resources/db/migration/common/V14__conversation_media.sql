-- Conversations media (Twilio's Media Content Service, ME): files uploaded to a Conversation Service or received by MMS
-- from a participant's handset, attached to at most one conversation message. The bytes live under the data
-- directory's media folder at <account_sid>/<chat_service_sid>/<sid>; this row describes them.
CREATE TABLE conversation_media (
    account_sid       VARCHAR(34)  NOT NULL,
    sid               VARCHAR(34)  NOT NULL,
    chat_service_sid  VARCHAR(34)  NOT NULL,
    content_type      VARCHAR(255) NOT NULL,
    filename          TEXT,
    size_bytes        BIGINT       NOT NULL,
    author            TEXT,
    conversation_sid  VARCHAR(34),
    message_sid       VARCHAR(34),
    date_created      BIGINT       NOT NULL,
    date_updated      BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
