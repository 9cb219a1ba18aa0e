package dev.parley.core.service;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.number.ChannelNames;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.number.SenderRelease;
import dev.parley.core.number.ShortCode;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * A Messaging Service's senders beside its phone numbers: {@code ShortCodes}, {@code AlphaSenders},
 * {@code DestinationAlphaSenders} and {@code ChannelSenders}, with Twilio's refusals: 21421 for a short code or
 * channel sender the account does not own, 21709 for an invalid alpha sender, 21710 (409) for a sender already in
 * the service, 21712 for one held by another service. Every refusal is thrown before anything is written.
 * {@link SenderPool} chooses among them.
 */
public final class ServiceSenderService {
    /** A released short code leaves the Messaging Service holding it ({@code ShortCodeService}). */
    public static final SenderRelease RELEASE_SHORT_CODE =
            (tx, accountSid, sid) -> tx.serviceSenders().removeShortCodeEverywhere(accountSid, sid);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private final Storage storage;
    private final ChannelNames channels;
    private final IdGenerator ids;
    private final Clock clock;

    public ServiceSenderService(Storage storage, ChannelNames channels, IdGenerator ids, Clock clock) {
        this.storage = storage;
        this.channels = channels;
        this.ids = ids;
        this.clock = clock;
    }

    /** Adds one of the account's short codes to the service ({@code ShortCodeSid}, {@code SC…}). */
    public ServiceShortCode addShortCode(String accountSid, String serviceSid, String shortCodeSid) {
        if (shortCodeSid == null || shortCodeSid.isBlank()) {
            throw ApiException.badRequest(20001, "Missing required parameter ShortCodeSid in the post body");
        }
        return storage.write(tx -> {
            service(tx, accountSid, serviceSid);
            ShortCode code = tx.shortCodes().find(accountSid, shortCodeSid.strip())
                    .orElseThrow(() -> ApiException.badRequest(21421, "Short Code Sid " + shortCodeSid
                            + " is invalid: not a short code of this account"));
            tx.serviceSenders().serviceOfShortCode(accountSid, code.sid())
                    .ifPresent(entry -> refuseHeld(entry.serviceSid(), serviceSid));
            Instant now = clock.instant();
            ServiceShortCode entry = new ServiceShortCode(accountSid, serviceSid, code.sid(), code.shortCode(),
                    code.isoCountryCode(), now, now);
            if (!tx.serviceSenders().addShortCode(entry)) {
                refuseHeld(null, serviceSid);
            }
            return entry;
        });
    }

    public ServiceShortCode fetchShortCode(String accountSid, String serviceSid, String sid) {
        return storage.read(tx -> tx.serviceSenders().findShortCode(accountSid, serviceSid, sid))
                .orElseThrow(() -> notFound(serviceSid, "ShortCodes", sid));
    }

    public Page<ServiceShortCode> listShortCodes(String accountSid, String serviceSid, PageRequest page) {
        return storage.read(tx -> {
            service(tx, accountSid, serviceSid);
            return tx.serviceSenders().listShortCodes(accountSid, serviceSid, page);
        });
    }

    /** Takes the short code out of the service; it stays the account's. */
    public void removeShortCode(String accountSid, String serviceSid, String sid) {
        if (!storage.write(tx -> tx.serviceSenders().removeShortCode(accountSid, serviceSid, sid))) {
            throw notFound(serviceSid, "ShortCodes", sid);
        }
    }

    /**
     * Adds an alpha sender: the service's one {@code AlphaSenders} entry ({@code destination} false, no country), or a
     * {@code DestinationAlphaSenders} entry for {@code isoCountryCode} (null: the default for every country). A
     * country whose handsets see no alpha senders is refused (21709); {@code channel} null is the simulator.
     */
    public AlphaSender addAlphaSender(String accountSid, String serviceSid, boolean destination, String alphaSender,
            String isoCountryCode, String channel) {
        String text = AlphaSenderRules.check(alphaSender);
        String country = destination ? destinationCountry(isoCountryCode) : null;
        String sendsOn = channels.sendsOn(accountSid, channel);
        Instant now = clock.instant();
        AlphaSender sender = new AlphaSender(ids.sid("AI"), accountSid, serviceSid, text, country, destination,
                sendsOn, now, now);
        return storage.write(tx -> {
            service(tx, accountSid, serviceSid);
            if (!tx.serviceSenders().addAlphaSender(sender)) {
                String which = !destination ? "an Alpha Sender"
                        : country == null ? "a default Destination Alpha Sender"
                        : "a Destination Alpha Sender for " + country;
                throw new ApiException(21710, 409, "The Messaging Service already has " + which
                        + "; delete it before adding another.");
            }
            return sender;
        });
    }

    public AlphaSender fetchAlphaSender(String accountSid, String serviceSid, boolean destination, String sid) {
        return storage.read(tx -> tx.serviceSenders().findAlphaSender(accountSid, serviceSid, destination, sid))
                .orElseThrow(() -> notFound(serviceSid, list(destination), sid));
    }

    public Page<AlphaSender> listAlphaSenders(String accountSid, String serviceSid, boolean destination,
            String isoCountryCode, PageRequest page) {
        String country = isoCountryCode == null || isoCountryCode.isBlank() ? null
                : isoCountryCode.strip().toUpperCase(Locale.ROOT);
        return storage.read(tx -> {
            service(tx, accountSid, serviceSid);
            return tx.serviceSenders().listAlphaSenders(accountSid, serviceSid, destination, country, page);
        });
    }

    public void removeAlphaSender(String accountSid, String serviceSid, boolean destination, String sid) {
        if (!storage.write(tx -> tx.serviceSenders().removeAlphaSender(accountSid, serviceSid, destination, sid))) {
            throw notFound(serviceSid, list(destination), sid);
        }
    }

    /**
     * Adds a WhatsApp sender of the account to the service's channel senders; {@code sid} is its channel sender SID
     * ({@code XE…}) or its number's ({@code PN…}).
     */
    public ChannelSender addChannelSender(String accountSid, String serviceSid, String sid) {
        if (sid == null || sid.isBlank()) {
            throw ApiException.badRequest(20001, "Missing required parameter Sid in the post body");
        }
        String numberSid = ChannelSender.phoneNumberSid(sid.strip());
        return storage.write(tx -> {
            service(tx, accountSid, serviceSid);
            IncomingPhoneNumber number = tx.numbers().find(accountSid, numberSid)
                    .filter(n -> n.serves(ChannelAddress.Kind.WHATSAPP))
                    .orElseThrow(() -> ApiException.badRequest(21421, "Sid " + sid
                            + " is invalid: not a WhatsApp sender of this account"));
            tx.serviceSenders().serviceOfChannelSender(accountSid, number.sid())
                    .ifPresent(entry -> refuseHeld(entry.serviceSid(), serviceSid));
            Instant now = clock.instant();
            ChannelSender entry = new ChannelSender(accountSid, serviceSid, number.sid(), number.phoneNumber(), now,
                    now);
            if (!tx.serviceSenders().addChannelSender(entry)) {
                refuseHeld(null, serviceSid);
            }
            return entry;
        });
    }

    public ChannelSender fetchChannelSender(String accountSid, String serviceSid, String sid) {
        return storage.read(tx -> tx.serviceSenders().findChannelSender(accountSid, serviceSid,
                ChannelSender.phoneNumberSid(sid))).orElseThrow(() -> notFound(serviceSid, "ChannelSenders", sid));
    }

    public Page<ChannelSender> listChannelSenders(String accountSid, String serviceSid, PageRequest page) {
        return storage.read(tx -> {
            service(tx, accountSid, serviceSid);
            return tx.serviceSenders().listChannelSenders(accountSid, serviceSid, page);
        });
    }

    public void removeChannelSender(String accountSid, String serviceSid, String sid) {
        if (!storage.write(tx -> tx.serviceSenders().removeChannelSender(accountSid, serviceSid,
                ChannelSender.phoneNumberSid(sid)))) {
            throw notFound(serviceSid, "ChannelSenders", sid);
        }
    }

    /** A DestinationAlphaSender's country, checked; null (the default for every country) when not given. */
    private static String destinationCountry(String isoCountryCode) {
        if (isoCountryCode == null || isoCountryCode.isBlank()) {
            return null;
        }
        String country = isoCountryCode.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            throw ApiException.badRequest(20001, "IsoCountryCode " + isoCountryCode
                    + " is not a two-letter ISO 3166 country code");
        }
        if (!AlphaSenderRules.allowedIn(country)) {
            throw ApiException.badRequest(21709, "Alpha Sender IDs are not supported in " + country
                    + ": its handsets see no alphanumeric senders");
        }
        return country;
    }

    private static void service(Tx tx, String accountSid, String serviceSid) {
        tx.messagingServices().find(accountSid, serviceSid)
                .orElseThrow(() -> MessagingServiceService.notFound(serviceSid));
    }

    /** 21710 when {@code holder} is this service (or unknown after a lost race), else 21712. */
    private static void refuseHeld(String holder, String serviceSid) {
        if (holder == null || holder.equals(serviceSid)) {
            throw new ApiException(21710, 409, "Phone Number or Short Code is already in the Messaging Service.");
        }
        throw ApiException.badRequest(21712,
                "Phone Number or Short Code is associated with another Messaging Service.");
    }

    private static String list(boolean destination) {
        return destination ? "DestinationAlphaSenders" : "AlphaSenders";
    }

    private static ApiException notFound(String serviceSid, String list, String sid) {
        return ApiException.notFound("/Services/" + serviceSid + "/" + list + "/" + sid);
    }
}
