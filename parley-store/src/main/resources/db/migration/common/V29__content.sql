-- Content API templates (ADR 0033): one row per content; variables and types are JSON text, types exactly as the
-- create request gave them (validated first).
CREATE TABLE contents (
    account_sid   VARCHAR(34) NOT NULL,
    sid           VARCHAR(34) NOT NULL,
    friendly_name TEXT        NOT NULL,
    language      VARCHAR(35) NOT NULL,
    variables     TEXT        NOT NULL,
    types         TEXT        NOT NULL,
    date_created  BIGINT      NOT NULL,
    date_updated  BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE INDEX contents_by_date ON contents (account_sid, date_created, sid);

-- A content's WhatsApp approval, one row per channel it was submitted through ('whatsapp:<Name>', or 'simulator').
-- template_id is the provider's (Meta's) id; a template-status report finds its rows by it, or by name.
CREATE TABLE content_approvals (
    account_sid      VARCHAR(34)  NOT NULL,
    content_sid      VARCHAR(34)  NOT NULL,
    channel          VARCHAR(200) NOT NULL,
    name             VARCHAR(512) NOT NULL,
    category         VARCHAR(32)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    rejection_reason TEXT         NOT NULL,
    template_id      VARCHAR(64),
    date_created     BIGINT       NOT NULL,
    date_updated     BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, content_sid, channel)
);
CREATE INDEX content_approvals_by_template ON content_approvals (channel, template_id);
CREATE INDEX content_approvals_by_name ON content_approvals (channel, name);

-- A conversation message created from a content keeps it, as a message does (V28): its WhatsApp participants are
-- sent the template itself.
ALTER TABLE conversation_messages ADD COLUMN content_sid TEXT;
ALTER TABLE conversation_messages ADD COLUMN content_variables TEXT;
