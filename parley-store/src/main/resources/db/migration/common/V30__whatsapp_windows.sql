-- WhatsApp's 24-hour customer-service window, per (account, WhatsApp sender, user): when the user last wrote to the
-- sender (epoch microseconds). A free-form message to the user is sent only within 24 hours of it (ADR 34).
CREATE TABLE whatsapp_windows (
    account_sid  VARCHAR(34) NOT NULL,
    sender       VARCHAR(32) NOT NULL,
    recipient    VARCHAR(32) NOT NULL,
    last_inbound BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, sender, recipient)
);
