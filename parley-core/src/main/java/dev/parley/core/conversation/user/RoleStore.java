package dev.parley.core.conversation.user;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.List;
import java.util.Optional;

/** Persistence of roles, scoped by account and service. Every method runs inside the caller's transaction. */
public interface RoleStore {

    /**
     * Inserts a role. A default one ({@link Role#defaultName()} set) is inserted only if the service has none of that
     * name yet.
     *
     * @return false when the default role existed; nothing is written then
     */
    boolean insert(Role role);

    void update(Role role);

    Optional<Role> find(String accountSid, String chatServiceSid, String sid);

    /** The service's default roles that exist, in any order. */
    List<Role> defaults(String accountSid, String chatServiceSid);

    /** Oldest first: the default roles come before the custom ones. */
    Page<Role> list(String accountSid, String chatServiceSid, PageRequest page);

    boolean delete(String accountSid, String chatServiceSid, String sid);

    /** Whether a user or participant of the service holds the role. */
    boolean inUse(String accountSid, String chatServiceSid, String sid);
}
