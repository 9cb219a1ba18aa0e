package dev.parley.core.conversation;

import dev.parley.core.conversation.media.ConversationMediaService;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Conversation Services ({@code /conversations/v1/Services}) and each account's default service. The default
 * service is created on first use, in its own committed transaction, exactly once per account even when first
 * requests race (a unique index decides). A returned resource is committed; a refusal writes nothing.
 */
public final class ChatServiceService {
    static final String DEFAULT_NAME = "Default Conversations Service";
    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;
    private final ConversationMediaService media;

    /** @param media whose files a deleted service takes with it */
    public ChatServiceService(Storage storage, IdGenerator ids, Clock clock, ConversationMediaService media) {
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
        this.media = media;
    }

    public ChatService create(String accountSid, String friendlyName) {
        if (friendlyName == null || friendlyName.isBlank()) {
            throw ApiException.badRequest(20001, "Missing required parameter FriendlyName in the post body");
        }
        Instant now = clock.instant();
        ChatService service = new ChatService(ids.sid("IS"), accountSid, friendlyName, false, now, now);
        storage.writeVoid(tx -> tx.chatServices().insert(service));
        return service;
    }

    public ChatService fetch(String accountSid, String sid) {
        ensureDefault(accountSid);
        return storage.read(tx -> tx.chatServices().find(accountSid, sid)).orElseThrow(() -> notFound(sid));
    }

    public Page<ChatService> list(String accountSid, PageRequest page) {
        ensureDefault(accountSid);
        return storage.read(tx -> tx.chatServices().list(accountSid, page));
    }

    /**
     * Deletes the service with all its conversations and media: the rows in one transaction, then (once it has
     * committed) the service's media folder.
     */
    public void delete(String accountSid, String sid) {
        if (!storage.write(tx -> tx.chatServices().delete(accountSid, sid))) {
            throw notFound(sid);
        }
        media.removeServiceFiles(accountSid, sid);
    }

    /**
     * The service a request acts on: the one named in its path ({@code /Services/{ChatServiceSid}/…}), which must be
     * the account's, or, for the unscoped paths ({@code pathSid} null), the account's default service.
     */
    public String resolve(String accountSid, String pathSid) {
        if (pathSid == null) {
            return ensureDefault(accountSid).sid();
        }
        Optional<ChatService> named = storage.read(tx -> tx.chatServices().find(accountSid, pathSid));
        if (named.isEmpty()) {
            // The default service has its SID from its first use: a client may name it before anything used it.
            if (ensureDefault(accountSid).sid().equals(pathSid)) {
                return pathSid;
            }
            throw notFound(pathSid);
        }
        return pathSid;
    }

    /** The account's default service, created (durably) if it has none yet. */
    public ChatService ensureDefault(String accountSid) {
        Optional<ChatService> existing = storage.read(tx -> tx.chatServices().findDefault(accountSid));
        return existing.orElseGet(() -> storage.write(tx -> defaultIn(tx, accountSid, ids, clock.instant())));
    }

    /**
     * The account's default service, created in this transaction if it has none yet (exactly once: a concurrent
     * creation loses on the store's unique default and this answers the winner).
     */
    public static ChatService defaultIn(Tx tx, String accountSid, IdGenerator ids, Instant now) {
        return tx.chatServices().findDefault(accountSid).orElseGet(() -> {
            tx.chatServices().insert(new ChatService(ids.sid("IS"), accountSid, DEFAULT_NAME, true, now, now));
            return tx.chatServices().findDefault(accountSid).orElseThrow();
        });
    }

    static ApiException notFound(String sid) {
        return ApiException.notFound("/Services/" + sid);
    }
}
