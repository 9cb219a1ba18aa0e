package dev.parley.server;

import dev.parley.core.chat.ChatActions;
import dev.parley.core.conversation.live.LiveFeed;
import dev.parley.http.chat.ChatSocket;
import dev.parley.http.chat.StoredChatViews;
import dev.parley.store.Database;

/**
 * Web chat: the actions a chat identity takes (on the services the REST API uses), the hub that pushes live events
 * (heard from the database's live feed: every node's changes on PostgreSQL), and the socket at {@code /chat}.
 */
record ChatWiring(ChatActions actions, ChatSocket socket) {

    static ChatWiring wire(Shared shared, ConversationWiring conversations) {
        Database database = shared.database();
        LiveFeed live = database.liveFeed();
        ChatActions actions = new ChatActions(database, shared.ids(), shared.clock(), new ChatActions.Parts(
                conversations.conversations(), conversations.participants(), conversations.messages(), live));
        ChatSocket.Hub hub = (who, sink, resumeFrom) -> new ChatSocket.Attachment() {
            @Override
            public void renew(dev.parley.core.chat.ChatIdentity renewed) {
            }

            @Override
            public void detach() {
            }
        };
        ChatSocket socket = new ChatSocket(actions, new StoredChatViews(database), hub, shared.clock(),
                ChatSocket.Settings.DEFAULT);
        return new ChatWiring(actions, socket);
    }
}
