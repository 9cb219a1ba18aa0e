package dev.parley.core.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.parley.core.address.ChannelAddress;
import dev.parley.core.address.PhoneNumber;
import dev.parley.core.error.ApiException;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sender selection for a Messaging Service: the one place that decides which pool number a message leaves from.
 *
 * <ol>
 *   <li>With {@code sticky_sender} on, the number the service last used for the recipient, while it is still in
 *       the pool (remembered durably, in the same transaction as the message).</li>
 *   <li>Otherwise a number in the recipient's country, and among those one in the recipient's area code when
 *       {@code area_code_geomatch} is on (North American numbers); else any number of the pool.</li>
 *   <li>Among equally good numbers, one chosen by the recipient, so that traffic spreads over the pool while a
 *       recipient keeps seeing the same sender.</li>
 * </ol>
 */
public final class SenderPool {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private SenderPool() {
    }

    /**
     * The sender for a message from {@code service} to {@code to}, read and (for sticky sender) remembered in
     * {@code tx}. Refuses with 21704 when the pool has no number.
     */
    public static IncomingPhoneNumber choose(Tx tx, MessagingService service, PhoneNumber to, Instant now) {
        return choose(tx, service, to, ChannelAddress.Kind.SMS, now);
    }

    /**
     * As {@link #choose(Tx, MessagingService, PhoneNumber, Instant)}, among the pool's numbers that serve
     * {@code kind}: a WhatsApp message leaves from a WhatsApp sender of the pool (63007 when the pool has none).
     */
    public static IncomingPhoneNumber choose(Tx tx, MessagingService service, PhoneNumber to,
            ChannelAddress.Kind kind, Instant now) {
        String account = service.accountSid();
        List<IncomingPhoneNumber> pool = new ArrayList<>();
        for (ServicePhoneNumber entry : tx.messagingServices().pool(account, service.sid())) {
            tx.numbers().find(account, entry.phoneNumberSid()).ifPresent(pool::add);
        }
        if (pool.isEmpty()) {
            throw ApiException.badRequest(21704, "The Messaging Service contains no phone numbers");
        }
        pool.removeIf(n -> !n.serves(kind));
        if (pool.isEmpty()) {
            throw ApiException.badRequest(63007, "Twilio could not find a Channel with the specified From address");
        }
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
        String country = country(to);
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
        if (!Objects.equals(country(sender), country)) {
            return 0;
        }
        return areaCode && npa != null && npa.equals(areaCode(sender)) ? 2 : 1;
    }

    /**
     * The number's ISO country; for unassigned ranges (the simulator's 555 numbers) the main country of its calling
     * code. Cheaper than {@link PhoneNumber#geography()}, which also geocodes: selection runs for every pool number.
     */
    private static String country(PhoneNumber n) {
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
