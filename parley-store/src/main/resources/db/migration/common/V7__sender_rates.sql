-- Throughput limits per sender (issue 3, item 4).
-- A number's own send rate in message segments per second, overriding its channel's default; NULL = the default,
-- 0 = unlimited.
ALTER TABLE incoming_phone_numbers ADD COLUMN messages_per_second DOUBLE PRECISION;

-- Each rate-limited sender's schedule: the earliest free send slot. Creating a message reserves the slot and
-- moves it on by the message's segments at the sender's rate; the send job runs at the reserved slot.
CREATE TABLE sender_rates (
    account_sid VARCHAR(34)  NOT NULL,
    sender      VARCHAR(255) NOT NULL,
    next_slot   BIGINT       NOT NULL,
    PRIMARY KEY (account_sid, sender)
);

-- Fairness across accounts: each job's place in its account's fair share (see FairShare). Claims take jobs whose
-- fair time has come first, so one account's backlog of due jobs cannot delay another account's messages.
ALTER TABLE jobs ADD COLUMN fair_at BIGINT;
CREATE INDEX jobs_by_fair_due ON jobs (state, fair_at);
