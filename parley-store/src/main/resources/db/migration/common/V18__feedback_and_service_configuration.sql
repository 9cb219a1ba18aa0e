-- Message Feedback and a Conversation Service's notification and webhook configuration (issue 11, item 5).

-- ProvideFeedback=true on create: the message has a Feedback subresource (outcome "unconfirmed" until one is posted).
-- 0 or 1; the existing messages asked for none.
ALTER TABLE messages ADD COLUMN provide_feedback INTEGER DEFAULT 0 NOT NULL;

-- The outcome posted to /Messages/{Sid}/Feedback.json. A message that asked for feedback and has no row here is
-- "unconfirmed". Deleted with its message.
CREATE TABLE message_feedback (
    account_sid   VARCHAR(34) NOT NULL,
    message_sid   VARCHAR(34) NOT NULL,
    outcome       VARCHAR(16) NOT NULL,
    date_created  BIGINT      NOT NULL,
    date_updated  BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, message_sid)
);

-- A Conversation Service's own webhook configuration (/Services/{Sid}/Configuration/Webhooks): where the pre- and
-- post-event hooks of that service's conversations go. The account's default service has no row here: its
-- configuration is the account's (conversation_webhook_configurations, /v1/Configuration/Webhooks), as on Twilio.
-- filters holds the event names separated by commas ("" for none).
CREATE TABLE chat_service_webhook_configurations (
    account_sid       VARCHAR(34) NOT NULL,
    chat_service_sid  VARCHAR(34) NOT NULL,
    pre_webhook_url   TEXT,
    post_webhook_url  TEXT,
    method            VARCHAR(8)  NOT NULL,
    filters           TEXT        NOT NULL,
    date_updated      BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, chat_service_sid)
);

-- A Conversation Service's push notification settings (/Services/{Sid}/Configuration/Notifications), kept as given:
-- Parley sends no push notifications. Flags are 0 or 1. A service without a row has every flag off, no template.
CREATE TABLE chat_service_notifications (
    account_sid                     VARCHAR(34) NOT NULL,
    chat_service_sid                VARCHAR(34) NOT NULL,
    log_enabled                     INTEGER     NOT NULL,
    new_message_enabled             INTEGER     NOT NULL,
    new_message_template            TEXT,
    new_message_sound               TEXT,
    new_message_badge_count_enabled INTEGER     NOT NULL,
    new_message_with_media_enabled  INTEGER     NOT NULL,
    new_message_with_media_template TEXT,
    added_enabled                   INTEGER     NOT NULL,
    added_template                  TEXT,
    added_sound                     TEXT,
    removed_enabled                 INTEGER     NOT NULL,
    removed_template                TEXT,
    removed_sound                   TEXT,
    date_updated                    BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, chat_service_sid)
);
