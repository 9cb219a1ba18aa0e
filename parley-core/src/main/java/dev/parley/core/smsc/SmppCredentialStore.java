package dev.parley.core.smsc;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.Optional;

/** Persistence of SMPP credentials. A system id is unique across the installation. Runs in the caller's transaction. */
public interface SmppCredentialStore {

    /** @return false when the system id is taken (by any account); nothing is written then. */
    boolean insert(SmppCredential credential);

    void update(SmppCredential credential);

    Optional<SmppCredential> find(String accountSid, String sid);

    /** Installation-wide: the credential a bind names. */
    Optional<SmppCredential> findBySystemId(String systemId);

    /** The account's credentials, newest first. */
    Page<SmppCredential> list(String accountSid, PageRequest page);

    boolean delete(String accountSid, String sid);
}
