-- Only the channels whose provider's webhooks name a message by its provider id look a message up by it: an upstream
-- Twilio account (twilio:…) and the WhatsApp Cloud API (whatsapp:…). The index held every message's provider id:
-- an SMPP message's SMSC id (its segments keep theirs in smpp_segments, where receipts find them), the simulator's,
-- and the NULL of every message not sent yet. Each SMPP message wrote it twice (created, then its SMSC id), for
-- nothing. Now it holds only the rows those lookups can find; a lookup repeats the index's condition, word for word,
-- so that SQLite and PostgreSQL both see that the index answers it.
DROP INDEX messages_by_provider_id;
CREATE INDEX messages_by_provider_id ON messages (channel, provider_id)
    WHERE channel LIKE 'twilio:%' OR channel LIKE 'whatsapp:%';
