-- Channels an account creates through /parley/v1/Channels, or the configuration file declares (issue 13): SMPP
-- carrier connections and route tables. A name is unique across the installation (numbers, metrics and logs name a
-- channel by it). settings holds the type's settings as JSON text (the portable subset), the SMPP password among
-- them: Parley presents it when it binds, so it cannot be hashed (ADR 23).
CREATE TABLE channel_connections (
    account_sid  VARCHAR(34) NOT NULL,
    sid          VARCHAR(34) NOT NULL,
    name         VARCHAR(32) NOT NULL,
    type         VARCHAR(8)  NOT NULL,
    source       VARCHAR(8)  NOT NULL,
    settings     TEXT        NOT NULL,
    date_created BIGINT      NOT NULL,
    date_updated BIGINT      NOT NULL,
    PRIMARY KEY (account_sid, sid)
);
CREATE UNIQUE INDEX channel_connections_by_name ON channel_connections (name);
CREATE INDEX channel_connections_by_date ON channel_connections (account_sid, date_created, sid);
