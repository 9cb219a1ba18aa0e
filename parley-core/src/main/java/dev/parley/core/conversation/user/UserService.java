package dev.parley.core.conversation.user;

import dev.parley.core.conversation.Attributes;
import dev.parley.core.conversation.hook.ConversationEvents;
import dev.parley.core.conversation.hook.PreEventHooks;
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
 * Users of a Conversation Service ({@code /Users}): one per chat identity, created explicitly or when the identity
 * first joins a conversation as a participant. A user without a given role holds the service's "service user"
 * role. A returned resource is committed; a refusal writes nothing.
 */
public final class UserService {
    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;
    private final ConversationEvents events;

    public UserService(Storage storage, IdGenerator ids, Clock clock, ConversationEvents events) {
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /** What a create or update sets, as given; on update, null leaves a field as it is. */
    public record Fields(String identity, String friendlyName, String attributes, String roleSid) {

        /** These fields with what a pre-event hook answered ({@code friendly_name}, {@code attributes}). */
        Fields amendedBy(PreEventHooks.Verdict v) {
            return new Fields(identity, v.or("friendly_name", friendlyName), v.or("attributes", attributes), roleSid);
        }
    }

    public ConversationUser create(String accountSid, String serviceSid, Fields f) {
        return create(accountSid, serviceSid, f, false);
    }

    /**
     * Creates a user through the REST API; {@code webhooks} (the call's {@code X-Twilio-Webhook-Enabled: true}) fires
     * onUserAdded with it.
     */
    public ConversationUser create(String accountSid, String serviceSid, Fields f, boolean webhooks) {
        if (f.identity() == null || f.identity().isBlank()) {
            throw ApiException.badRequest(20001, "Missing required parameter Identity in the post body");
        }
        String attributes = Attributes.or(f.attributes(), Attributes.EMPTY);
        return storage.write(tx -> {
            String role = Roles.assign(tx, ids, clock, accountSid, serviceSid, f.roleSid(), Role.Type.SERVICE);
            Instant now = clock.instant();
            ConversationUser user = new ConversationUser(ids.sid("US"), accountSid, serviceSid, f.identity(),
                    f.friendlyName(), attributes, role, now, now);
            if (!tx.users().insert(user)) {
                throw new ApiException(50201, 409, "User with provided identity " + f.identity()
                        + " already exists");
            }
            if (webhooks) {
                events.user(tx, "onUserAdded", user, ConversationEvents.API);
            }
            return user;
        });
    }

    public ConversationUser fetch(String accountSid, String serviceSid, String sidOrIdentity) {
        return storage.read(tx -> find(tx, accountSid, serviceSid, sidOrIdentity));
    }

    public Page<ConversationUser> list(String accountSid, String serviceSid, PageRequest page) {
        return storage.read(tx -> tx.users().list(accountSid, serviceSid, page));
    }

    public ConversationUser update(String accountSid, String serviceSid, String sidOrIdentity, Fields f) {
        return update(accountSid, serviceSid, sidOrIdentity, f, false);
    }

    /**
     * Updates through the REST API; {@code webhooks} (X-Twilio-Webhook-Enabled: true) asks the onUserUpdate
     * pre-event hook first and fires onUserUpdated with the change.
     */
    public ConversationUser update(String accountSid, String serviceSid, String sidOrIdentity, Fields given,
            boolean webhooks) {
        Fields f = !webhooks ? given : given.amendedBy(events.pre().ask(accountSid, "onUserUpdate",
                tx -> PreEventHooks.userUpdate(find(tx, accountSid, serviceSid, sidOrIdentity), given)));
        return storage.write(tx -> {
            ConversationUser u = find(tx, accountSid, serviceSid, sidOrIdentity);
            String role = f.roleSid() == null ? u.roleSid()
                    : Roles.assign(tx, ids, clock, accountSid, serviceSid, f.roleSid(), Role.Type.SERVICE);
            ConversationUser changed = new ConversationUser(u.sid(), accountSid, serviceSid, u.identity(),
                    f.friendlyName() != null ? f.friendlyName() : u.friendlyName(),
                    Attributes.or(f.attributes(), u.attributes()), role, u.dateCreated(), clock.instant());
            tx.users().update(changed);
            if (webhooks) {
                events.user(tx, "onUserUpdated", changed, ConversationEvents.API);
            }
            return changed;
        });
    }

    /** Deletes the user; the participants of its identity stay in their conversations. */
    public void delete(String accountSid, String serviceSid, String sidOrIdentity) {
        storage.writeVoid(tx -> {
            ConversationUser u = find(tx, accountSid, serviceSid, sidOrIdentity);
            tx.users().delete(accountSid, serviceSid, u.sid());
        });
    }

    static ConversationUser find(Tx tx, String accountSid, String serviceSid, String sidOrIdentity) {
        Optional<ConversationUser> found = sidOrIdentity.matches("US[0-9a-f]{32}")
                ? tx.users().find(accountSid, serviceSid, sidOrIdentity)
                : tx.users().findByIdentity(accountSid, serviceSid, sidOrIdentity);
        return found.orElseThrow(() -> ApiException.notFound("/Users/" + sidOrIdentity));
    }

    /**
     * The user of a chat identity that joins a conversation, created in the caller's transaction (as Twilio does)
     * when the identity has none yet.
     */
    public static ConversationUser ensureIn(Tx tx, IdGenerator ids, Clock clock, String accountSid, String serviceSid,
            String identity) {
        Optional<ConversationUser> existing = tx.users().findByIdentity(accountSid, serviceSid, identity);
        if (existing.isPresent()) {
            return existing.get();
        }
        String role = Roles.assign(tx, ids, clock, accountSid, serviceSid, null, Role.Type.SERVICE);
        Instant now = clock.instant();
        ConversationUser user = new ConversationUser(ids.sid("US"), accountSid, serviceSid, identity, null,
                Attributes.EMPTY, role, now, now);
        tx.users().insert(user);
        return user;
    }
}
