-- A message created from a Content API template keeps it: the template's SID and the variables given with it (a JSON
-- object of strings), so a WhatsApp channel can send the template itself.
ALTER TABLE messages ADD COLUMN content_sid TEXT;
ALTER TABLE messages ADD COLUMN content_variables TEXT;

-- A provider's status webhook (WhatsApp Cloud API, an upstream Twilio account) names the message by the id the
-- channel was given for it.
CREATE INDEX messages_by_provider_id ON messages (channel, provider_id);
