-- Delivery receipts (issue 4, item 4) and the active-conversation-month fee (item 8).

-- A fan-out row is a participant's delivery receipt (DY): its status follows the Messaging-layer message's
-- (NULL until the message is sent; sent, delivered, read, failed, undelivered); error_code is 0 when there is none.
ALTER TABLE conversation_deliveries ADD COLUMN receipt_sid VARCHAR(34);
ALTER TABLE conversation_deliveries ADD COLUMN status VARCHAR(16);
ALTER TABLE conversation_deliveries ADD COLUMN date_updated BIGINT;
CREATE INDEX conversation_deliveries_by_receipt ON conversation_deliveries (account_sid, receipt_sid);

-- The months (UTC, yyyy-MM) in which a conversation had a message: the first message of a month inserts the row and
-- books the month's fee in the usage ledger in the same transaction; the primary key makes that happen once.
CREATE TABLE conversation_active_months (
    account_sid      VARCHAR(34) NOT NULL,
    conversation_sid VARCHAR(34) NOT NULL,
    active_month     VARCHAR(7)  NOT NULL,
    date_created     BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, conversation_sid, active_month)
);
