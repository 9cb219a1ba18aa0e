package dev.parley.core.smsc;

import static dev.parley.core.webhook.WebhookFields.method;
import static dev.parley.core.webhook.WebhookFields.url;

import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.message.Message;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /parley/v1/SmppCredentials}: create, fetch, list, update and delete an account's SMPP credentials. Every
 * refusal is an {@link ApiException} thrown before anything is written: 20001 for a bad parameter, 20409 (409) for a
 * system id already taken anywhere in the installation, 20404 for another account's credential. The password is
 * hashed before it reaches the store and never comes back out.
 */
public final class SmppCredentialService {
    public static final int MAX_SYSTEM_ID = 15;
    public static final int MAX_PASSWORD = 8;
    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;
    private volatile SmppCredentialEvents events = SmppCredentialEvents.NONE;

    public SmppCredentialService(Storage storage, IdGenerator ids, Clock clock) {
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
    }

    /** Who applies committed changes to live binds: the SMPP server, once it is started. */
    public void events(SmppCredentialEvents events) {
        this.events = events;
    }

    /**
     * What a create or update sets; null leaves a value as it is (on create: its default). {@code allowedNetworks}:
     * null unchanged, empty list any address; each entry may hold several blocks separated by commas.
     */
    public record Changes(String systemId, String password, List<String> allowedNetworks, Integer window,
            Integer maxSubmitsPerSecond, String statusCallback, String statusCallbackMethod, String friendlyName) {
        /** Never shows the password. */
        @Override
        public String toString() {
            return "Changes[systemId=" + systemId + ", password=" + (password == null ? null : "***")
                    + ", allowedNetworks=" + allowedNetworks + ", window=" + window + ", maxSubmitsPerSecond="
                    + maxSubmitsPerSecond + ", statusCallback=" + statusCallback + "]";
        }
    }

    public SmppCredential create(String accountSid, Changes c) {
        if (c.systemId() == null || c.systemId().isEmpty()) {
            throw ApiException.badRequest(20001, "Missing required parameter SystemId in the post body");
        }
        if (c.password() == null || c.password().isEmpty()) {
            throw ApiException.badRequest(20001, "Missing required parameter Password in the post body");
        }
        Instant now = clock.instant();
        SmppCredential blank = new SmppCredential(ids.sid("CR"), accountSid, systemId(c.systemId()), null, List.of(),
                new SmppCredential.Limits(SmppCredential.DEFAULT_WINDOW, 0), Message.StatusCallback.NONE, null, now,
                now);
        SmppCredential created = apply(blank, c, now);
        if (!storage.write(tx -> tx.smppCredentials().insert(created))) {
            throw taken(created.systemId());
        }
        return created;
    }

    public SmppCredential fetch(String accountSid, String sid) {
        return storage.read(tx -> tx.smppCredentials().find(accountSid, sid)).orElseThrow(() -> notFound(sid));
    }

    public Page<SmppCredential> list(String accountSid, PageRequest page) {
        return storage.read(tx -> tx.smppCredentials().list(accountSid, page));
    }

    /** The credential a bind names, whichever account owns it. */
    public Optional<SmppCredential> bySystemId(String systemId) {
        return storage.read(tx -> tx.smppCredentials().findBySystemId(systemId));
    }

    /** Updates the credential named by its SID or its system id. */
    public SmppCredential update(String accountSid, String sidOrSystemId, Changes c) {
        Instant now = clock.instant();
        SmppCredential[] before = new SmppCredential[1];
        SmppCredential updated = storage.write(tx -> {
            SmppCredential current = find(tx, accountSid, sidOrSystemId);
            SmppCredential next = apply(current, c, now);
            if (!next.systemId().equals(current.systemId())
                    && tx.smppCredentials().findBySystemId(next.systemId()).isPresent()) {
                throw taken(next.systemId());
            }
            tx.smppCredentials().update(next);
            before[0] = current;
            return next;
        });
        events.changed(before[0], updated);
        return updated;
    }

    public SmppCredential fetchByName(String accountSid, String sidOrSystemId) {
        return storage.read(tx -> find(tx, accountSid, sidOrSystemId));
    }

    /** Deletes it; its binds are closed. Receipts still queued for it end as dead letters. */
    public void delete(String accountSid, String sidOrSystemId) {
        SmppCredential deleted = storage.write(tx -> {
            SmppCredential current = find(tx, accountSid, sidOrSystemId);
            tx.smppCredentials().delete(accountSid, current.sid());
            return current;
        });
        events.deleted(deleted);
    }

    private static SmppCredential find(dev.parley.core.tx.Tx tx, String accountSid, String sidOrSystemId) {
        Optional<SmppCredential> bySid = tx.smppCredentials().find(accountSid, sidOrSystemId);
        if (bySid.isPresent()) {
            return bySid.get();
        }
        return tx.smppCredentials().findBySystemId(sidOrSystemId).filter(c -> c.accountSid().equals(accountSid))
                .orElseThrow(() -> notFound(sidOrSystemId));
    }

    private static SmppCredential apply(SmppCredential s, Changes c, Instant now) {
        String systemId = c.systemId() == null ? s.systemId() : systemId(c.systemId());
        String hash = s.passwordHash();
        if (c.password() != null) {
            hash = PasswordHash.hash(password(c.password()));
        }
        List<Cidr> networks = c.allowedNetworks() == null ? s.allowedNetworks() : networks(c.allowedNetworks());
        int window = c.window() == null ? s.limits().window() : c.window();
        if (window < 1 || window > SmppCredential.MAX_WINDOW) {
            throw ApiException.badRequest(20001, "Window must be 1 to " + SmppCredential.MAX_WINDOW + ", not "
                    + window);
        }
        int rate = c.maxSubmitsPerSecond() == null ? s.limits().maxSubmitsPerSecond() : c.maxSubmitsPerSecond();
        if (rate < 0 || rate > 100_000) {
            throw ApiException.badRequest(20001, "MaxSubmitsPerSecond must be 0 (unlimited) to 100000, not " + rate);
        }
        String friendlyName = c.friendlyName() == null ? s.friendlyName() : c.friendlyName();
        if (friendlyName != null && friendlyName.length() > 64) {
            throw ApiException.badRequest(20001, "FriendlyName must be at most 64 characters long");
        }
        Message.StatusCallback callback = new Message.StatusCallback(
                url(c.statusCallback(), s.statusCallback().url(), "StatusCallback"),
                method(c.statusCallbackMethod(), s.statusCallback().method(), "StatusCallbackMethod"));
        return new SmppCredential(s.sid(), s.accountSid(), systemId, hash, networks,
                new SmppCredential.Limits(window, rate), callback, friendlyName, s.dateCreated(), now);
    }

    /** 1 to 15 printable ASCII characters: what fits a bind's C-octet string. */
    private static String systemId(String given) {
        if (given.isEmpty() || given.length() > MAX_SYSTEM_ID || !given.matches("[\\x21-\\x7e]+")) {
            throw ApiException.badRequest(20001, "SystemId must be 1 to " + MAX_SYSTEM_ID
                    + " printable ASCII characters without spaces");
        }
        return given;
    }

    private static String password(String given) {
        if (given.isEmpty() || given.length() > MAX_PASSWORD || !given.matches("[\\x20-\\x7e]+")) {
            throw ApiException.badRequest(20001, "Password must be 1 to " + MAX_PASSWORD
                    + " printable ASCII characters (SMPP 3.4's limit)");
        }
        return given;
    }

    private static List<Cidr> networks(List<String> given) {
        List<Cidr> out = new ArrayList<>();
        for (String entry : given) {
            for (String part : entry.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                out.add(Cidr.parse(part).orElseThrow(() -> ApiException.badRequest(20001,
                        "AllowedNetworks entry " + part.strip() + " is not an IPv4 or IPv6 CIDR block")));
            }
        }
        if (out.size() > 100) {
            throw ApiException.badRequest(20001, "AllowedNetworks holds at most 100 blocks, not " + out.size());
        }
        return out.stream().distinct().toList();
    }

    private static ApiException taken(String systemId) {
        return new ApiException(20409, 409, "SystemId " + systemId + " is already used by an SMPP credential of this"
                + " installation");
    }

    private static ApiException notFound(String sid) {
        return ApiException.notFound("/parley/v1/SmppCredentials/" + sid);
    }
}
