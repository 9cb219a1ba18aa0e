-- WhatsApp senders (issue 4, item 2): the channel a number's whatsapp: messages travel on (Parley's WhatsAppChannel
-- parameter); NULL = the number is not a WhatsApp sender.
ALTER TABLE incoming_phone_numbers ADD COLUMN whatsapp_channel VARCHAR(64);
