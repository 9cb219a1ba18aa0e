-- The Media Content Service lists a chat service's media (oldest first, paged over date_created and sid), and
-- deleting a conversation finds the media attached to its messages, so that their files go with them.
CREATE INDEX conversation_media_by_service ON conversation_media (account_sid, chat_service_sid, date_created, sid);
CREATE INDEX conversation_media_by_conversation ON conversation_media (account_sid, conversation_sid);
