-- Conversations webhooks (issue 4, item 5). Every table is keyed by account first.

-- The account's service-wide webhook configuration (/v1/Configuration/Webhooks): where post-event hooks go and which
-- events they carry. filters holds the event names separated by commas ("" for none). An account without a row has
-- no URL set: no hook fires.
CREATE TABLE conversation_webhook_configurations (
    account_sid       VARCHAR(34) NOT NULL,
    pre_webhook_url   TEXT,
    post_webhook_url  TEXT,
    method            VARCHAR(8)  NOT NULL,
    filters           TEXT        NOT NULL,
    target            VARCHAR(16) NOT NULL,
    date_updated      BIGINT      NOT NULL,
    PRIMARY KEY (account_sid)
);

-- Conversation-scoped webhooks (WH, /Conversations/{Sid}/Webhooks): at most five per conversation, each receiving the
-- post-event hooks of its conversation its filters name. filters and triggers hold names separated by commas.
CREATE TABLE conversation_scoped_webhooks (
    account_sid       VARCHAR(34) NOT NULL,
    sid               VARCHAR(34) NOT NULL,
    conversation_sid  VARCHAR(34) NOT NULL,
    target            VARCHAR(16) NOT NULL,
    url               TEXT,
    method            VARCHAR(8),
    filters           TEXT        NOT NULL,
    triggers          TEXT        NOT NULL,
    flow_sid          VARCHAR(34),
    replay_after      INTEGER,
    date_created      BIGINT      NOT NULL,
    date_updated      BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE INDEX conversation_scoped_webhooks_by_conversation
    ON conversation_scoped_webhooks (account_sid, conversation_sid, date_created);
