package dev.parley.core.conversation;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.address.PhoneNumber;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.participant.ParticipantService;
import dev.parley.core.error.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Group texting (group MMS) in a conversation, as Twilio's guide describes it (ADR 0018). A conversation is a group
 * once it holds a <em>group participant</em>: an SMS address alone (a person's own +1 mobile number, no proxy
 * address), a chat identity with a projected address, or a projected address alone. Its members, as every handset
 * sees them, are the participants' addresses and projected addresses. A group holds at most ten participants, all of
 * them group participants: a chat identity without a projected address (50434) or an SMS participant talking through
 * a proxy address (50435) cannot join one, nor can a group participant join a conversation that has those.
 */
public final class GroupTexting {
    static final int MAX_PARTICIPANTS = 10;
    // North American toll-free area codes: group MMS runs on +1 long codes only.
    private static final Pattern TOLL_FREE = Pattern.compile("\\+18(00|33|44|55|66|77|88)\\d{7}");

    private GroupTexting() {
    }

    /** Whether {@code number} may stand in a group MMS: a +1 (US/Canada) long code, not toll-free. */
    static boolean longCode(PhoneNumber number) {
        return number.e164().startsWith("+1") && number.e164().length() == 12
                && !TOLL_FREE.matcher(number.e164()).matches();
    }

    /** Whether the SMS address {@code wire} ({@code +1…}, not {@code whatsapp:}) may be a member of a group MMS. */
    public static boolean groupAddress(String wire) {
        return ChannelAddress.parse(wire).filter(a -> !a.isWhatsApp()).map(a -> longCode(a.number())).orElse(false);
    }

    /** An SMS address without a proxy address: the person's own handset in the group. */
    static boolean handset(Participant.Binding b) {
        return b.address() != null && b.proxyAddress() == null;
    }

    static boolean groupParticipant(Participant.Binding b) {
        return handset(b) || b.projectedAddress() != null;
    }

    static boolean isGroup(List<Participant> participants) {
        return participants.stream().anyMatch(p -> groupParticipant(p.binding()));
    }

    /** Every member address of the group, in the participants' order: handsets and projected addresses. */
    static List<String> members(List<Participant> participants) {
        Set<String> members = new LinkedHashSet<>();
        for (Participant p : participants) {
            Participant.Binding b = p.binding();
            if (handset(b)) {
                members.add(b.address());
            } else if (b.projectedAddress() != null) {
                members.add(b.projectedAddress());
            }
        }
        return List.copyOf(members);
    }

    /** The members but {@code from} and {@code to}: what one copy of a group MMS lists beside its sender and recipient. */
    static List<String> others(List<String> members, String from, String to) {
        List<String> others = new ArrayList<>(members);
        others.remove(from);
        others.remove(to);
        return others;
    }

    /**
     * The projected address a conversation message goes out from: its author's (a chat participant or a projected
     * address alone, by participant or by name), else the group's first projected address. Empty when the group has
     * none (then the handsets cannot be reached).
     */
    static Optional<String> sender(List<Participant> participants, ConversationMessage m) {
        return participants.stream()
                .filter(p -> p.binding().projectedAddress() != null)
                .filter(p -> p.sid().equals(m.participantSid()) || m.author() != null && m.author().equals(p.author()))
                .map(p -> p.binding().projectedAddress())
                .findFirst()
                .or(() -> participants.stream().map(p -> p.binding().projectedAddress())
                        .filter(a -> a != null).findFirst());
    }

    /**
     * Twilio's refusals for {@code joining} (validated, not yet stored) against the conversation's {@code existing}
     * participants; nothing is written before them.
     */
    public static void checkJoin(List<Participant> existing, ParticipantService.Creation joining) {
        Participant.Binding b = new Participant.Binding(joining.address(), joining.proxyAddress(),
                joining.projectedAddress());
        boolean group = isGroup(existing);
        if (groupParticipant(b)) {
            for (Participant p : existing) {
                if (p.binding().proxyAddress() != null) {
                    throw activation("participant " + p.sid() + " talks through proxy address "
                            + p.binding().proxyAddress() + ": a group MMS has no proxy addresses");
                }
                if (p.identity() != null && p.binding().projectedAddress() == null) {
                    throw activation("participant " + p.identity()
                            + " has an identity but no projected address");
                }
            }
            if (existing.size() + 1 > MAX_PARTICIPANTS) {
                throw new ApiException(50436, 400, "Participant limit exceeded for group conversation: it has "
                        + existing.size() + " participants, at most " + MAX_PARTICIPANTS + " take part in a group MMS");
            }
            String member = handset(b) ? b.address() : b.projectedAddress();
            if (members(existing).contains(member)) {
                throw new ApiException(50416, 409, "A participant with address " + member
                        + " already exists in this group conversation");
            }
        } else if (group && joining.identity() != null) {
            throw new ApiException(50434, 400, "This is a Group MMS conversation, but the given participant has "
                    + "neither an Address nor a ProjectedAddress");
        } else if (group) {
            throw activation("a participant with proxy address " + joining.proxyAddress()
                    + " cannot join a group MMS conversation");
        }
    }

    private static ApiException activation(String why) {
        return new ApiException(50435, 400, "Group MMS activation failed: " + why);
    }
}
