-- Group MMS (Conversations group texting, ADR 0018).
-- The other recipients of one group MMS, as a JSON array of addresses, NULL for a one-to-one message. A group
-- message is stored once per recipient (To), like every message of the Messaging layer; this column lists the
-- rest of the group so that the handset shows one thread with every member.
ALTER TABLE messages ADD COLUMN group_recipients TEXT;

-- What simulated handsets received from other handsets of a group MMS: the carrier's delivery between handsets,
-- which is no message of any Parley account. The simulator's inbox lists these beside the account's messages.
CREATE TABLE handset_group_messages (
    account_sid       VARCHAR(34)  NOT NULL,
    sid               VARCHAR(34)  NOT NULL,
    handset           VARCHAR(255) NOT NULL,
    from_address      VARCHAR(255) NOT NULL,
    body              TEXT,
    media_urls        TEXT,
    group_recipients  TEXT         NOT NULL,
    date_created      BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE INDEX handset_group_messages_by_handset ON handset_group_messages (account_sid, handset, date_created, sid);

-- Inbound group messages find their conversation by the projected address they were sent to.
CREATE INDEX conversation_participants_by_projected ON conversation_participants (account_sid, projected_address);
