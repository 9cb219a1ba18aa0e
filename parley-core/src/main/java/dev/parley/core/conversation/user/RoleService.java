package dev.parley.core.conversation.user;

import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Roles of a Conversation Service ({@code /Roles}): the four default roles, created on first use, and custom ones.
 * Permissions are Twilio's names, checked against the role's type. A returned resource is committed; a refusal writes
 * nothing.
 */
public final class RoleService {
    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;

    public RoleService(Storage storage, IdGenerator ids, Clock clock) {
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
    }

    public Role create(String accountSid, String serviceSid, String friendlyName, String type,
            List<String> permissions) {
        if (friendlyName == null || friendlyName.isBlank()) {
            throw ApiException.badRequest(20001, "Missing required parameter FriendlyName in the post body");
        }
        Role.Type t = Role.Type.parse(type);
        if (t == null) {
            throw ApiException.badRequest(20001, "Type must be conversation or service, not " + type);
        }
        List<String> granted = Roles.permissions(t, permissions);
        Instant now = clock.instant();
        Role role = new Role(ids.sid("RL"), accountSid, serviceSid, friendlyName, t, granted, null, now, now);
        storage.writeVoid(tx -> {
            Roles.defaultsIn(tx, ids, clock, accountSid, serviceSid);
            tx.roles().insert(role);
        });
        return role;
    }

    /**
     * A role by SID. The default roles need not be created first: their SIDs exist only once they are, so a role
     * not stored is not there, and a refused fetch writes nothing.
     */
    public Role fetch(String accountSid, String serviceSid, String sid) {
        return storage.read(tx -> tx.roles().find(accountSid, serviceSid, sid)).orElseThrow(() -> notFound(sid));
    }

    public Page<Role> list(String accountSid, String serviceSid, PageRequest page) {
        ensureDefaults(accountSid, serviceSid);
        return storage.read(tx -> tx.roles().list(accountSid, serviceSid, page));
    }

    /** Replaces the role's permissions (Twilio's update sets the whole list). */
    public Role update(String accountSid, String serviceSid, String sid, List<String> permissions) {
        // As fetch: a role not stored, default or not, is not there; a refused update writes nothing.
        return storage.write(tx -> {
            Role role = tx.roles().find(accountSid, serviceSid, sid).orElseThrow(() -> notFound(sid));
            Role changed = role.withPermissions(Roles.permissions(role.type(), permissions), clock.instant());
            tx.roles().update(changed);
            return changed;
        });
    }

    /** Deletes a custom role no user or participant holds; the default roles stay. */
    public void delete(String accountSid, String serviceSid, String sid) {
        storage.writeVoid(tx -> {
            Role role = tx.roles().find(accountSid, serviceSid, sid).orElseThrow(() -> notFound(sid));
            if (role.defaultName() != null) {
                throw ApiException.badRequest(20001, "Role " + sid + " is the service's default '"
                        + role.defaultName() + "' role and cannot be deleted");
            }
            if (tx.roles().inUse(accountSid, serviceSid, sid)) {
                throw ApiException.badRequest(20001, "Role " + sid + " is held by a user or participant");
            }
            tx.roles().delete(accountSid, serviceSid, sid);
        });
    }

    private void ensureDefaults(String accountSid, String serviceSid) {
        if (storage.read(tx -> tx.roles().defaults(accountSid, serviceSid)).size() < Roles.DEFAULTS.size()) {
            storage.writeVoid(tx -> Roles.defaultsIn(tx, ids, clock, accountSid, serviceSid));
        }
    }

    private static ApiException notFound(String sid) {
        return ApiException.notFound("/Roles/" + sid);
    }
}
