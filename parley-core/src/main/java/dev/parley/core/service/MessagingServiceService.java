package dev.parley.core.service;

import static dev.parley.core.webhook.WebhookFields.method;
import static dev.parley.core.webhook.WebhookFields.url;

import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.number.SenderRelease;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Messaging Services ({@code /messaging/v1/Services}) and their sender pools. Every refusal is an
 * {@link ApiException} thrown before anything is written; a returned resource is committed. An account sees only
 * its own services, and a pool holds only numbers of the service's account.
 */
public final class MessagingServiceService {
    /** A released number leaves every Messaging Service's pool with it, as with Twilio ({@code NumberService}). */
    public static final SenderRelease RELEASE_NUMBER =
            (tx, accountSid, sid) -> tx.messagingServices().removeNumberEverywhere(accountSid, sid);
    public static final int MAX_VALIDITY_PERIOD = 36_000;
    private static final Set<String> SCAN_VALUES = Set.of("inherit", "enable", "disable");
    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;

    public MessagingServiceService(Storage storage, IdGenerator ids, Clock clock) {
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * What a create or update sets; null leaves a field as it is (or at Twilio's default on create). An empty URL
     * clears it.
     */
    public record Changes(String friendlyName, String inboundRequestUrl, String inboundMethod, String fallbackUrl,
            String fallbackMethod, String statusCallback, Boolean stickySender, Boolean mmsConverter,
            Boolean smartEncoding, String scanMessageContent, Boolean fallbackToLongCode, Boolean areaCodeGeomatch,
            Integer validityPeriod, Boolean synchronousValidation, String usecase, Boolean useInboundWebhookOnNumber) {
    }

    public MessagingService create(String accountSid, Changes changes) {
        if (changes.friendlyName() == null || changes.friendlyName().isBlank()) {
            throw ApiException.badRequest(20001, "Missing required parameter FriendlyName in the post body");
        }
        Instant now = clock.instant();
        MessagingService blank = new MessagingService(ids.sid("MG"), accountSid, "",
                new MessagingService.Inbound(null, "POST", null, "POST", false), null,
                MessagingService.Flags.DEFAULT, "inherit", MessagingService.DEFAULT_VALIDITY_PERIOD, "undeclared", now,
                now);
        MessagingService created = apply(blank, changes, now);
        storage.writeVoid(tx -> tx.messagingServices().insert(created));
        return created;
    }

    public MessagingService fetch(String accountSid, String sid) {
        return storage.read(tx -> tx.messagingServices().find(accountSid, sid))
                .orElseThrow(() -> notFound(sid));
    }

    public Page<MessagingService> list(String accountSid, PageRequest page) {
        return storage.read(tx -> tx.messagingServices().list(accountSid, page));
    }

    public MessagingService update(String accountSid, String sid, Changes changes) {
        return storage.write(tx -> {
            MessagingService current = tx.messagingServices().find(accountSid, sid).orElseThrow(() -> notFound(sid));
            MessagingService updated = apply(current, changes, clock.instant());
            tx.messagingServices().update(updated);
            return updated;
        });
    }

    /** Deletes the service; its numbers and short codes stay the account's, out of any service. */
    public void delete(String accountSid, String sid) {
        if (!storage.write(tx -> {
            tx.serviceSenders().removeService(accountSid, sid);
            return tx.messagingServices().delete(accountSid, sid);
        })) {
            throw notFound(sid);
        }
    }

    /**
     * Adds one of the account's numbers to the pool. Refused with 21710 when it is already in this pool and 21712
     * when another service holds it.
     */
    public ServicePhoneNumber addNumber(String accountSid, String serviceSid, String phoneNumberSid) {
        if (phoneNumberSid == null || phoneNumberSid.isBlank()) {
            throw ApiException.badRequest(20001, "Missing required parameter PhoneNumberSid in the post body");
        }
        return storage.write(tx -> {
            tx.messagingServices().find(accountSid, serviceSid).orElseThrow(() -> notFound(serviceSid));
            IncomingPhoneNumber number = tx.numbers().find(accountSid, phoneNumberSid)
                    .orElseThrow(() -> ApiException.badRequest(21421, "Phone Number is invalid: " + phoneNumberSid
                            + " is not a phone number of this account"));
            tx.messagingServices().poolOf(accountSid, phoneNumberSid).ifPresent(entry -> {
                if (entry.serviceSid().equals(serviceSid)) {
                    throw new ApiException(21710, 409, "Phone Number or Short Code is already in the Messaging Service.");
                }
                throw ApiException.badRequest(21712,
                        "Phone Number or Short Code is associated with another Messaging Service.");
            });
            Instant now = clock.instant();
            ServicePhoneNumber entry = new ServicePhoneNumber(accountSid, serviceSid, number.sid(),
                    number.phoneNumber(), now, now);
            if (!tx.messagingServices().addNumber(entry)) {
                throw ApiException.badRequest(21712,
                        "Phone Number or Short Code is associated with another Messaging Service.");
            }
            return entry;
        });
    }

    public ServicePhoneNumber fetchNumber(String accountSid, String serviceSid, String phoneNumberSid) {
        return storage.read(tx -> tx.messagingServices().findNumber(accountSid, serviceSid, phoneNumberSid))
                .orElseThrow(() -> numberNotFound(serviceSid, phoneNumberSid));
    }

    public Page<ServicePhoneNumber> listNumbers(String accountSid, String serviceSid, PageRequest page) {
        return storage.read(tx -> {
            tx.messagingServices().find(accountSid, serviceSid).orElseThrow(() -> notFound(serviceSid));
            return tx.messagingServices().listNumbers(accountSid, serviceSid, page);
        });
    }

    /** Takes a number out of the pool; it stays the account's. */
    public void removeNumber(String accountSid, String serviceSid, String phoneNumberSid) {
        if (!storage.write(tx -> tx.messagingServices().removeNumber(accountSid, serviceSid, phoneNumberSid))) {
            throw numberNotFound(serviceSid, phoneNumberSid);
        }
    }

    private static MessagingService apply(MessagingService s, Changes c, Instant now) {
        String name = s.friendlyName();
        if (c.friendlyName() != null) {
            if (c.friendlyName().length() > 64) {
                throw ApiException.badRequest(20001, "FriendlyName must be at most 64 characters long");
            }
            name = c.friendlyName();
        }
        MessagingService.Inbound in = s.inbound();
        MessagingService.Inbound inbound = new MessagingService.Inbound(
                url(c.inboundRequestUrl(), in.requestUrl(), "InboundRequestUrl"),
                method(c.inboundMethod(), in.method(), "InboundMethod"),
                url(c.fallbackUrl(), in.fallbackUrl(), "FallbackUrl"),
                method(c.fallbackMethod(), in.fallbackMethod(), "FallbackMethod"),
                or(c.useInboundWebhookOnNumber(), in.useWebhookOnNumber()));
        MessagingService.Flags f = s.flags();
        MessagingService.Flags flags = new MessagingService.Flags(or(c.stickySender(), f.stickySender()),
                or(c.mmsConverter(), f.mmsConverter()), or(c.smartEncoding(), f.smartEncoding()),
                or(c.fallbackToLongCode(), f.fallbackToLongCode()), or(c.areaCodeGeomatch(), f.areaCodeGeomatch()),
                or(c.synchronousValidation(), f.synchronousValidation()), f.usAppToPersonRegistered());
        String scan = s.scanMessageContent();
        if (c.scanMessageContent() != null) {
            if (!SCAN_VALUES.contains(c.scanMessageContent())) {
                throw ApiException.badRequest(20001,
                        "ScanMessageContent must be inherit, enable or disable, not " + c.scanMessageContent());
            }
            scan = c.scanMessageContent();
        }
        int validity = s.validityPeriod();
        if (c.validityPeriod() != null) {
            validity = checkValidityPeriod(c.validityPeriod(), 90007);
        }
        return new MessagingService(s.sid(), s.accountSid(), name, inbound,
                url(c.statusCallback(), s.statusCallback(), "StatusCallback"), flags, scan, validity,
                c.usecase() != null ? c.usecase() : s.usecase(), s.dateCreated(), now);
    }

    /** A validity period in Twilio's range (1…36000 s), or Twilio's refusal with {@code code}. */
    public static int checkValidityPeriod(int seconds, int code) {
        if (seconds < 1 || seconds > MAX_VALIDITY_PERIOD) {
            throw ApiException.badRequest(code, "Invalid validity period value: " + seconds
                    + ". Validity period can only be set to integers between 1 and 36,000 seconds (10 hours max).");
        }
        return seconds;
    }

    private static boolean or(Boolean given, boolean current) {
        return given != null ? given : current;
    }


    static ApiException notFound(String sid) {
        return ApiException.notFound("/Services/" + sid);
    }

    private static ApiException numberNotFound(String serviceSid, String sid) {
        return ApiException.notFound("/Services/" + serviceSid + "/PhoneNumbers/" + sid);
    }
}
