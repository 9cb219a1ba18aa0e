-- The usage ledger: what each account was charged, per UTC day (epoch day), leaf usage category and currency.
-- One upsert per priced message, in the transaction that prices it; parents (sms, totalprice) are summed when
-- read. Prices are whole hundred-thousandths of the currency unit (0.00790 USD is 790), so sums are exact.
-- Rows are never deleted: a deleted message stays billed.
CREATE TABLE usage_ledger (
    account_sid VARCHAR(34) NOT NULL,
    usage_day   INTEGER     NOT NULL,
    category    VARCHAR(64) NOT NULL,
    price_unit  VARCHAR(8)  NOT NULL,
    event_count BIGINT      NOT NULL,
    usage_units BIGINT      NOT NULL,
    price_e5    BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, usage_day, category, price_unit)
);
