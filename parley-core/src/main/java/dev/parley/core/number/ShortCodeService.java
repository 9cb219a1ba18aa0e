package dev.parley.core.number;

import static dev.parley.core.webhook.WebhookFields.method;
import static dev.parley.core.webhook.WebhookFields.url;

import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Short codes: Parley's provisioning ({@code POST /parley/v1/ShortCodes}, release) and Twilio's
 * {@code SMS/ShortCodes} fetch, list and update. Every refusal is an {@link ApiException} thrown before anything is
 * written. A released short code leaves the Messaging Service holding it.
 */
public final class ShortCodeService {
    /** Countries as ISO 3166 alpha-2 codes, upper case. */
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private final Storage storage;
    private final ChannelNames channels;
    private final SenderRelease release;
    private final IdGenerator ids;
    private final Clock clock;

    public ShortCodeService(Storage storage, ChannelNames channels, IdGenerator ids, Clock clock,
            SenderRelease release) {
        this.release = release;
        this.storage = storage;
        this.channels = channels;
        this.ids = ids;
        this.clock = clock;
    }

    /** What Twilio's update sets (null: unchanged); {@code apiVersion} may only name 2010-04-01, Parley's one. */
    public record Changes(String friendlyName, String apiVersion, String smsUrl, String smsMethod,
            String smsFallbackUrl, String smsFallbackMethod) {
    }

    /**
     * Provisions {@code shortCode} (3–8 digits) in {@code isoCountryCode} (default US) to the account, sending on
     * {@code channel} (default the simulator). Refused with 21422 when the code is taken in that country.
     */
    public ShortCode provision(String accountSid, String shortCode, String isoCountryCode, String channel,
            Changes changes) {
        if (shortCode == null || shortCode.isBlank()) {
            throw ApiException.badRequest(20001, "Missing required parameter ShortCode in the post body");
        }
        String code = shortCode.strip();
        if (!ShortCode.isCode(code)) {
            throw ApiException.badRequest(20001, "ShortCode must be 3 to 8 digits, not " + shortCode);
        }
        String country = isoCountryCode == null || isoCountryCode.isBlank() ? "US"
                : isoCountryCode.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            throw ApiException.badRequest(20001, "IsoCountryCode " + isoCountryCode
                    + " is not a two-letter ISO 3166 country code");
        }
        String sendsOn = channels.sendsOn(accountSid, channel);
        Instant now = clock.instant();
        ShortCode blank = new ShortCode(ids.sid("SC"), accountSid, code, country, code,
                IncomingPhoneNumber.Webhooks.NONE, sendsOn, now, now);
        ShortCode created = apply(blank, changes, now);
        if (!storage.write(tx -> tx.shortCodes().insert(created))) {
            throw ApiException.badRequest(21422, "ShortCode " + code + " is not available in " + country + ".");
        }
        return created;
    }

    public ShortCode fetch(String accountSid, String sid) {
        return storage.read(tx -> tx.shortCodes().find(accountSid, sid)).orElseThrow(() -> notFound(accountSid, sid));
    }

    public Page<ShortCode> list(String accountSid, String shortCode, String friendlyName, PageRequest page) {
        return storage.read(tx -> tx.shortCodes().list(accountSid, shortCode, friendlyName, page));
    }

    public ShortCode update(String accountSid, String sid, Changes changes) {
        return storage.write(tx -> {
            ShortCode current = tx.shortCodes().find(accountSid, sid).orElseThrow(() -> notFound(accountSid, sid));
            ShortCode updated = apply(current, changes, clock.instant());
            tx.shortCodes().update(updated);
            return updated;
        });
    }

    /** Releases the short code; it leaves the Messaging Service holding it, as a released number does. */
    public void release(String accountSid, String sid) {
        if (!storage.write(tx -> {
            release.released(tx, accountSid, sid);
            return tx.shortCodes().delete(accountSid, sid);
        })) {
            throw notFound(accountSid, sid);
        }
    }

    private static ShortCode apply(ShortCode s, Changes c, Instant now) {
        if (c.apiVersion() != null && !c.apiVersion().isBlank() && !c.apiVersion().equals("2010-04-01")) {
            throw ApiException.badRequest(20001, "ApiVersion must be 2010-04-01, the one API version Parley serves,"
                    + " not " + c.apiVersion());
        }
        if (c.friendlyName() != null && c.friendlyName().length() > 64) {
            throw ApiException.badRequest(20001, "FriendlyName must be at most 64 characters long");
        }
        IncomingPhoneNumber.Webhooks h = s.webhooks();
        IncomingPhoneNumber.Webhooks hooks = new IncomingPhoneNumber.Webhooks(
                url(c.smsUrl(), h.smsUrl(), "SmsUrl"), method(c.smsMethod(), h.smsMethod(), "SmsMethod"),
                url(c.smsFallbackUrl(), h.smsFallbackUrl(), "SmsFallbackUrl"),
                method(c.smsFallbackMethod(), h.smsFallbackMethod(), "SmsFallbackMethod"), null, "POST");
        return s.with(c.friendlyName() != null ? c.friendlyName() : s.friendlyName(), hooks, now);
    }

    private static ApiException notFound(String accountSid, String sid) {
        return ApiException.notFound("/2010-04-01/Accounts/" + accountSid + "/SMS/ShortCodes/" + sid + ".json");
    }
}
