package dev.parley.core.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.parley.core.address.ChannelAddress;
import dev.parley.core.address.PhoneNumber;
import dev.parley.core.error.ApiException;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.number.ShortCode;
import dev.parley.core.throughput.RatedSender;
import dev.parley.core.tx.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sender selection for a Messaging Service: the one place that decides which sender a message leaves from, in the
 * order Twilio documents.
 *
 * <ol>
 *   <li>WhatsApp: a WhatsApp sender among the service's {@code ChannelSenders} and pool numbers, chosen as long codes
 *       are (below).</li>
 *   <li>For a recipient whose country allows alpha senders ({@link AlphaSenderRules}): the service's
 *       {@code DestinationAlphaSender} for that country, else its default {@code DestinationAlphaSender}, else its
 *       {@code AlphaSender}.</li>
 *   <li>A short code of the service in the recipient's country.</li>
 *   <li>The long-code pool: with {@code sticky_sender} on, the number the service last used for the recipient, while
 *       it is still in the pool (remembered durably, in the same transaction as the message); otherwise a number in
 *       the recipient's country, and among those one in the recipient's area code when {@code area_code_geomatch} is
 *       on (North American numbers); else any number of the pool.</li>
 *   <li>Among equally good senders, one chosen by the recipient, so that traffic spreads over the pool while a
 *       recipient keeps seeing the same sender.</li>
 * </ol>
 */
public final class SenderPool {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private SenderPool() {
    }

    /** The sender chosen for a message. */
    public sealed interface Choice {
        /** A number of the account: a long code, or a WhatsApp sender for a WhatsApp message. */
        record Number(IncomingPhoneNumber number) implements Choice {
        }

        /**
         * An alpha sender or a short code: {@code address} is the message's {@code from} as handsets see it
         * ({@code Parley}, {@code 12345}), sent on {@code channel} at {@code rated}'s pace.
         */
        record Named(String address, String channel, RatedSender rated) implements Choice {
        }
    }

    /**
     * The sender for a message of {@code kind} from {@code service} to {@code to}, read and (for sticky sender)
     * remembered in {@code tx}. Refuses with 21704 when the service has no sender at all for an SMS and 63007 when it
     * has no WhatsApp sender for a WhatsApp message.
     */
    public static Choice choose(Tx tx, MessagingService service, PhoneNumber to, ChannelAddress.Kind kind,
            Instant now) {
        String account = service.accountSid();
        if (kind == ChannelAddress.Kind.WHATSAPP) {
            List<IncomingPhoneNumber> pool = poolNumbers(tx, service);
            for (ChannelSender sender : tx.serviceSenders().allChannelSenders(account, service.sid())) {
                if (pool.stream().noneMatch(n -> n.sid().equals(sender.phoneNumberSid()))) {
                    tx.numbers().find(account, sender.phoneNumberSid()).ifPresent(pool::add);
                }
            }
            pool.removeIf(n -> !n.serves(kind));
            if (pool.isEmpty()) {
                throw ApiException.badRequest(63007, "Twilio could not find a Channel with the specified From address");
            }
            return new Choice.Number(longCode(tx, service, pool, to, kind, now));
        }
        String country = countryOf(to);
        Optional<Choice> named = alphaSender(tx, service, country).or(() -> shortCode(tx, service, country, to));
        if (named.isPresent()) {
            return named.get();
        }
        // Read only now: an alpha sender or short code wins without the pool's numbers.
        List<IncomingPhoneNumber> pool = poolNumbers(tx, service);
        if (pool.isEmpty()) {
            throw ApiException.badRequest(21704, "The Messaging Service contains no phone numbers");
        }
        return new Choice.Number(longCode(tx, service, pool, to, kind, now));
    }

    private static List<IncomingPhoneNumber> poolNumbers(Tx tx, MessagingService service) {
        List<IncomingPhoneNumber> pool = new ArrayList<>();
        for (ServicePhoneNumber entry : tx.messagingServices().pool(service.accountSid(), service.sid())) {
            tx.numbers().find(service.accountSid(), entry.phoneNumberSid()).ifPresent(pool::add);
        }
        return pool;
    }

    private static Optional<Choice> alphaSender(Tx tx, MessagingService service, String country) {
        if (!AlphaSenderRules.allowedIn(country)) {
            return Optional.empty();
        }
        List<AlphaSender> senders = tx.serviceSenders().allAlphaSenders(service.accountSid(), service.sid());
        Comparator<AlphaSender> preference = Comparator.comparingInt(a -> !a.destination() ? 2
                : a.isoCountryCode() == null ? 1 : 0);
        return senders.stream()
                .filter(a -> !a.destination() || a.isoCountryCode() == null || a.isoCountryCode().equals(country))
                .min(preference)
                .map(a -> new Choice.Named(a.alphaSender(), a.channel(),
                        new RatedSender(service.accountSid(), a.alphaSender(), a.channel(), null)));
    }

    private static Optional<Choice> shortCode(Tx tx, MessagingService service, String country, PhoneNumber to) {
        List<ShortCode> codes = new ArrayList<>();
        for (ServiceShortCode entry : tx.serviceSenders().allShortCodes(service.accountSid(), service.sid())) {
            if (entry.isoCountryCode().equals(country)) {
                tx.shortCodes().find(service.accountSid(), entry.shortCodeSid()).ifPresent(codes::add);
            }
        }
        if (codes.isEmpty()) {
            return Optional.empty();
        }
        codes.sort(Comparator.comparing(ShortCode::shortCode));
        ShortCode code = codes.get(Math.floorMod(to.e164().hashCode(), codes.size()));
        return Optional.of(new Choice.Named(code.shortCode(), code.channel(),
                new RatedSender(service.accountSid(), code.shortCode(), code.channel(), null)));
    }

    /** The long code for {@code to}: sticky, else by country and area code. */
    private static IncomingPhoneNumber longCode(Tx tx, MessagingService service, List<IncomingPhoneNumber> pool,
            PhoneNumber to, ChannelAddress.Kind kind, Instant now) {
        String account = service.accountSid();
        boolean sticky = service.flags().stickySender();
        if (sticky) {
            // A WhatsApp user is remembered apart from the same number's SMS handset.
            String recipient = kind.prefix() + to.e164();
            Optional<String> remembered = tx.messagingServices().stickySender(account, service.sid(), recipient);
            Optional<IncomingPhoneNumber> same = remembered.flatMap(e164 -> pool.stream()
                    .filter(n -> n.phoneNumber().e164().equals(e164)).findFirst());
            if (same.isPresent()) {
                return same.get();
            }
        }
        IncomingPhoneNumber chosen = best(pool, to, service.flags().areaCodeGeomatch());
        if (sticky) {
            tx.messagingServices().rememberSender(account, service.sid(), kind.prefix() + to.e164(),
                    chosen.phoneNumber().e164(), now);
        }
        return chosen;
    }

    private static IncomingPhoneNumber best(List<IncomingPhoneNumber> pool, PhoneNumber to, boolean areaCode) {
        String country = countryOf(to);
        String npa = areaCode(to);
        Comparator<IncomingPhoneNumber> byScore = Comparator.comparingInt(n -> score(n.phoneNumber(), country, npa,
                areaCode));
        IncomingPhoneNumber top = pool.stream().max(byScore).orElseThrow();
        int topScore = score(top.phoneNumber(), country, npa, areaCode);
        List<IncomingPhoneNumber> equals = pool.stream()
                .filter(n -> score(n.phoneNumber(), country, npa, areaCode) == topScore)
                .sorted(Comparator.comparing(n -> n.phoneNumber().e164()))
                .toList();
        return equals.get(Math.floorMod(to.e164().hashCode(), equals.size()));
    }

    private static int score(PhoneNumber sender, String country, String npa, boolean areaCode) {
        if (!Objects.equals(countryOf(sender), country)) {
            return 0;
        }
        return areaCode && npa != null && npa.equals(areaCode(sender)) ? 2 : 1;
    }

    /**
     * The number's ISO country; for unassigned ranges (the simulator's 555 numbers) the main country of its calling
     * code. Cheaper than {@link PhoneNumber#geography()}, which also geocodes: selection runs for every pool number.
     */
    public static String countryOf(PhoneNumber n) {
        try {
            Phonenumber.PhoneNumber parsed = UTIL.parse(n.e164(), null);
            String region = UTIL.getRegionCodeForNumber(parsed);
            return region != null ? region : UTIL.getRegionCodeForCountryCode(parsed.getCountryCode());
        } catch (NumberParseException e) {
            return "";
        }
    }

    /** The North American area code, or null for other numbering plans. */
    private static String areaCode(PhoneNumber n) {
        String e = n.e164();
        return e.startsWith("+1") && e.length() == 12 ? e.substring(2, 5) : null;
    }
}
