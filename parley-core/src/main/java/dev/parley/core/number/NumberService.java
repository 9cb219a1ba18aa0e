package dev.parley.core.number;

import static dev.parley.core.webhook.WebhookFields.inboundUrl;
import static dev.parley.core.webhook.WebhookFields.method;
import static dev.parley.core.webhook.WebhookFields.url;

import dev.parley.core.address.PhoneNumber;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * IncomingPhoneNumbers: an account provisions the numbers it sends from and receives on. A number belongs
 * to one account across the installation. Given only an {@code AreaCode}, Parley picks a free number in it
 * (simulated numbers need no carrier).
 */
public final class NumberService {
    /** Formatting people type into numbers: spaces, dashes, dots, parentheses. */
    private static final Pattern PATTERN_NOISE = Pattern.compile("[\\s().-]");
    private final Storage storage;
    private final ChannelNames channels;
    private final SenderRelease release;
    private final IdGenerator ids;
    private final Clock clock;

    public NumberService(Storage storage, ChannelNames channels, IdGenerator ids, Clock clock,
            SenderRelease release) {
        this.release = release;
        this.storage = storage;
        this.channels = channels;
        this.ids = ids;
        this.clock = clock;
    }

    /** The largest {@code MessagesPerSecond} a number may have: far above any carrier's. */
    public static final double MAX_MESSAGES_PER_SECOND = 10_000;

    /**
     * Fields a create or update may set; null leaves a field as it is (or at its default on create).
     * {@code messagesPerSecond} is Parley's {@code MessagesPerSecond} as given: a number of message segments per
     * second ({@code 0} = unlimited), or {@code ""} to go back to the channel's default. {@code whatsAppChannel} is
     * Parley's {@code WhatsAppChannel}: a channel that carries WhatsApp (the number becomes a WhatsApp sender), or
     * {@code ""} to stop being one.
     */
    public record Changes(String friendlyName, String smsUrl, String smsMethod, String smsFallbackUrl,
            String smsFallbackMethod, String statusCallback, String statusCallbackMethod, String channel,
            String messagesPerSecond, String whatsAppChannel) {

        /** Changes that leave the number's WhatsApp sender as it is. */
        public Changes(String friendlyName, String smsUrl, String smsMethod, String smsFallbackUrl,
                String smsFallbackMethod, String statusCallback, String statusCallbackMethod, String channel,
                String messagesPerSecond) {
            this(friendlyName, smsUrl, smsMethod, smsFallbackUrl, smsFallbackMethod, statusCallback,
                    statusCallbackMethod, channel, messagesPerSecond, null);
        }
    }

    public IncomingPhoneNumber create(String accountSid, String phoneNumber, String areaCode, Changes changes) {
        if ((phoneNumber == null || phoneNumber.isBlank()) && (areaCode == null || areaCode.isBlank())) {
            throw ApiException.badRequest(21452, "Either PhoneNumber or AreaCode is required.");
        }
        rate(changes.messagesPerSecond(), null);
        whatsAppChannel(accountSid, changes.whatsAppChannel(), null);
        IncomingPhoneNumber.Webhooks hooks = apply(IncomingPhoneNumber.Webhooks.NONE, changes);
        String channel = changes.channel() != null ? channels.check(accountSid, changes.channel())
                : ChannelNames.SIMULATOR;
        Instant now = clock.instant();
        if (phoneNumber != null && !phoneNumber.isBlank()) {
            return provision(accountSid, parse(phoneNumber), changes, hooks, channel, now);
        }
        if (!areaCode.matches("[2-9][0-9]{2}")) {
            throw ApiException.badRequest(21451, "AreaCode " + areaCode + " is invalid.");
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            PhoneNumber candidate = new PhoneNumber(String.format("+1%s555%04d", areaCode,
                    ThreadLocalRandom.current().nextInt(10_000)));
            IncomingPhoneNumber created = build(accountSid, candidate, changes, hooks, channel, now);
            if (storage.write(tx -> tx.numbers().insert(created))) {
                return created;
            }
        }
        throw ApiException.badRequest(21422, "No phone number is available in area code " + areaCode + ".");
    }

    /**
     * Provisions {@code phoneNumber} through the sub-resource of {@code type} ({@code IncomingPhoneNumbers/Local},
     * {@code /Mobile}, {@code /TollFree}): {@code PhoneNumber} is required there (no {@code AreaCode}), and a number
     * of another type is refused with Twilio's 21458 (provisioning type mismatch), before anything is written.
     */
    public IncomingPhoneNumber create(String accountSid, NumberType type, String phoneNumber, Changes changes) {
        if (phoneNumber == null || phoneNumber.isBlank()) {
            throw ApiException.badRequest(20001, "Missing required parameter PhoneNumber in the post body");
        }
        PhoneNumber number = parse(phoneNumber);
        NumberType actual = NumberType.of(number);
        if (actual != type) {
            throw ApiException.badRequest(21458, "PhoneNumber " + number + " is a " + actual.wire() + " number;"
                    + " provision it through IncomingPhoneNumbers/" + actual.resource() + " or IncomingPhoneNumbers,"
                    + " not IncomingPhoneNumbers/" + type.resource() + ".");
        }
        rate(changes.messagesPerSecond(), null);
        whatsAppChannel(accountSid, changes.whatsAppChannel(), null);
        IncomingPhoneNumber.Webhooks hooks = apply(IncomingPhoneNumber.Webhooks.NONE, changes);
        String channel = changes.channel() != null ? channels.check(accountSid, changes.channel())
                : ChannelNames.SIMULATOR;
        return provision(accountSid, number, changes, hooks, channel, clock.instant());
    }

    private static PhoneNumber parse(String phoneNumber) {
        return PhoneNumber.parse(phoneNumber).orElseThrow(() -> ApiException.badRequest(21421,
                "PhoneNumber " + phoneNumber + " is invalid."));
    }

    private IncomingPhoneNumber provision(String accountSid, PhoneNumber number, Changes changes,
            IncomingPhoneNumber.Webhooks hooks, String channel, Instant now) {
        IncomingPhoneNumber created = build(accountSid, number, changes, hooks, channel, now);
        if (!storage.write(tx -> tx.numbers().insert(created))) {
            throw ApiException.badRequest(21422, "PhoneNumber " + number + " is not available.");
        }
        return created;
    }

    private IncomingPhoneNumber build(String accountSid, PhoneNumber number, Changes c,
            IncomingPhoneNumber.Webhooks hooks, String channel, Instant now) {
        String name = c.friendlyName() != null ? c.friendlyName() : display(number);
        return new IncomingPhoneNumber(ids.sid("PN"), accountSid, number, name, hooks, channel, now, now,
                rate(c.messagesPerSecond(), null), whatsAppChannel(accountSid, c.whatsAppChannel(), null));
    }

    public IncomingPhoneNumber update(String accountSid, String sid, Changes changes) {
        String channel = changes.channel() != null ? channels.check(accountSid, changes.channel()) : null;
        rate(changes.messagesPerSecond(), null);
        whatsAppChannel(accountSid, changes.whatsAppChannel(), null);
        return storage.write(tx -> {
            IncomingPhoneNumber current = tx.numbers().find(accountSid, sid).orElseThrow(() -> notFound(accountSid, sid));
            IncomingPhoneNumber updated = current.with(
                    changes.friendlyName() != null ? changes.friendlyName() : current.friendlyName(),
                    apply(current.webhooks(), changes), channel != null ? channel : current.channel(),
                    clock.instant()).withMessagesPerSecond(rate(changes.messagesPerSecond(),
                            current.messagesPerSecond()))
                    .withWhatsAppChannel(whatsAppChannel(accountSid, changes.whatsAppChannel(),
                            current.whatsAppChannel()));
            tx.numbers().update(updated);
            return updated;
        });
    }

    public IncomingPhoneNumber fetch(String accountSid, String sid) {
        return storage.read(tx -> tx.numbers().find(accountSid, sid)).orElseThrow(() -> notFound(accountSid, sid));
    }

    public Page<IncomingPhoneNumber> list(String accountSid, String phoneNumber, String friendlyName,
            PageRequest page) {
        return list(accountSid, phoneNumber, friendlyName, null, page);
    }

    /** The account's numbers of {@code type} (null: every type), filtered as Twilio's list filters them. */
    public Page<IncomingPhoneNumber> list(String accountSid, String phoneNumber, String friendlyName, NumberType type,
            PageRequest page) {
        String pattern = phoneNumber == null ? null : PATTERN_NOISE.matcher(phoneNumber).replaceAll("");
        if (pattern != null && !pattern.matches("[+0-9*]+")) {
            return new Page<>(List.of(), null, null);
        }
        return storage.read(tx -> tx.numbers().list(accountSid, pattern, friendlyName, type, page));
    }

    public void delete(String accountSid, String sid) {
        // A released number leaves its Messaging Service's pool with it, as with Twilio.
        if (!storage.write(tx -> {
            release.released(tx, accountSid, sid);
            return tx.numbers().delete(accountSid, sid);
        })) {
            throw notFound(accountSid, sid);
        }
    }

    private static IncomingPhoneNumber.Webhooks apply(IncomingPhoneNumber.Webhooks h, Changes c) {
        return new IncomingPhoneNumber.Webhooks(
                inboundUrl(c.smsUrl(), h.smsUrl(), "SmsUrl"), method(c.smsMethod(), h.smsMethod(), "SmsMethod"),
                url(c.smsFallbackUrl(), h.smsFallbackUrl(), "SmsFallbackUrl"),
                method(c.smsFallbackMethod(), h.smsFallbackMethod(), "SmsFallbackMethod"),
                url(c.statusCallback(), h.statusCallback(), "StatusCallback"),
                method(c.statusCallbackMethod(), h.statusCallbackMethod(), "StatusCallbackMethod"));
    }


    /** A number's own rate: {@code given} parsed, {@code current} when not given, null (the default) for "". */
    private static Double rate(String given, Double current) {
        if (given == null) {
            return current;
        }
        if (given.isBlank()) {
            return null;
        }
        try {
            double rate = Double.parseDouble(given.strip());
            if (rate >= 0 && rate <= MAX_MESSAGES_PER_SECOND) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // fall through to the refusal
        }
        throw ApiException.badRequest(20001, "MessagesPerSecond must be a number from 0 (unlimited) to "
                + (long) MAX_MESSAGES_PER_SECOND + ", or empty for the channel's default; got '" + given + "'.");
    }

    /**
     * A number's WhatsApp channel: {@code given} checked (a channel that carries WhatsApp, which the account or its
     * parent owns, or the simulator), {@code current} when not given, null (none) for "".
     */
    private String whatsAppChannel(String accountSid, String given, String current) {
        if (given == null) {
            return current;
        }
        String name = given.strip();
        if (name.isEmpty()) {
            return null;
        }
        return channels.checkWhatsApp(accountSid, name);
    }

    private static String display(PhoneNumber n) {
        String e = n.e164();
        if (e.startsWith("+1") && e.length() == 12) {
            return "(" + e.substring(2, 5) + ") " + e.substring(5, 8) + "-" + e.substring(8);
        }
        return e;
    }

    private static ApiException notFound(String accountSid, String sid) {
        return ApiException.notFound("/2010-04-01/Accounts/" + accountSid + "/IncomingPhoneNumbers/" + sid + ".json");
    }
}
