-- Parts of concatenated SMS waiting for their siblings (issue 13, item 4; ADR 25). A part is keyed by what its
-- message's parts share (the account; channel: smpp:<connection> or an SMPP credential; the sender and the
-- destination as Parley writes them; the concatenation reference and total) and its number. Part 0 marks a message
-- already completed until its timeout job runs, so a repeated part is known as a duplicate.
CREATE TABLE concat_parts (
    account_sid  VARCHAR(34)  NOT NULL,
    channel      VARCHAR(128) NOT NULL,
    from_address VARCHAR(64)  NOT NULL,
    to_address   VARCHAR(64)  NOT NULL,
    ref          INTEGER      NOT NULL,
    total        INTEGER      NOT NULL,
    seq          INTEGER      NOT NULL,
    purpose      VARCHAR(16)  NOT NULL,
    body         TEXT         NOT NULL,
    context      TEXT,
    received_at  BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, channel, from_address, to_address, ref, total, seq)
);
