package dev.parley.server;

import dev.parley.core.chat.ChatActions;
import dev.parley.core.chat.ChatHub;
import dev.parley.core.chat.ChatIdentity;
import dev.parley.core.chat.ChatReads;
import dev.parley.core.conversation.live.LiveFeed;
import dev.parley.http.chat.ChatSocket;
import dev.parley.store.Database;

/**
 * Web chat: the actions a chat identity takes (on the services the REST API uses), the hub that pushes live events
 * (heard from the database's live feed: every node's changes on PostgreSQL), and the socket at {@code /chat}.
 */
record ChatWiring(ChatActions actions, ChatHub hub, ChatSocket socket) implements AutoCloseable {

    static ChatWiring wire(Shared shared, ConversationWiring conversations) {
        Database database = shared.database();
        LiveFeed live = database.liveFeed();
        ChatActions actions = new ChatActions(database, shared.ids(), shared.clock(), new ChatActions.Parts(
                conversations.conversations(), conversations.participants(), conversations.messages(), live));
        ChatHub hub = new ChatHub(database, live);
        ChatSocket socket = new ChatSocket(actions, new ChatReads(database), (who, sink, resumeFrom) ->
                new HubAttachment(hub.attach(who, sink, resumeFrom)), shared.clock(), ChatSocket.Settings.DEFAULT);
        return new ChatWiring(actions, hub, socket);
    }

    /** After the HTTP server (which closes the connections): stops the hub's thread. */
    @Override
    public void close() {
        hub.close();
    }

    /** The hub's attachment as the socket holds it. */
    private record HubAttachment(ChatHub.Attachment attachment) implements ChatSocket.Attachment {
        @Override
        public void renew(ChatIdentity renewed) {
            attachment.renew(renewed);
        }

        @Override
        public void detach() {
            attachment.detach();
        }
    }
}
