package dev.parley.core.conversation;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.conversation.media.ConversationMediaService;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.receipt.ConversationReceiptService;
import dev.parley.core.error.ApiException;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageService;
import dev.parley.core.message.SendRequest;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandler;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one conversation message to every participant but its author (one job per message). SMS and WhatsApp
 * participants get a real outbound Message from their proxy address through {@link MessageService} — so prices,
 * opt-outs, rate limits and status callbacks apply — and the link (conversation message, participant, message SID)
 * is recorded with it in one transaction: a repeated job skips the participants already served. A refusal of the
 * Messaging layer (an opted-out handset: 21610) is recorded as that participant's delivery and does not stop the
 * others. A message with media goes as an MMS (a WhatsApp media message to a WhatsApp participant) whose media URLs name
 * the conversation media on Parley's MCS surface: the Messaging layer takes them from the data directory. Chat
 * participants read the conversation through the API. In a group text ({@link GroupTexting}) each handset gets one copy
 * of a group MMS from the author's projected address (the group's first one when the author has none) that lists the
 * other members; a message from a handset of the group is not relayed to the others, which the carrier served.
 */
public final class FanOutHandler implements JobHandler {
    public static final String KIND = "conversation.fanout";
    private static final Logger log = LoggerFactory.getLogger(FanOutHandler.class);
    private final Storage storage;
    private final MessageService messages;
    private final ConversationReceiptService receipts;
    private final Clock clock;
    private final String publicUrl;

    public FanOutHandler(Storage storage, MessageService messages, ConversationReceiptService receipts, Clock clock,
            String publicUrl) {
        this.storage = storage;
        this.messages = messages;
        this.receipts = receipts;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /** The job payload: the conversation and the message, as {@code CH…/IM…}. */
    static String payload(ConversationMessage m) {
        return m.conversationSid() + "/" + m.sid();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobOutcome handle(Job job) {
        String[] parts = job.payload().split("/", 2);
        storage.writeVoid(tx -> fanOut(tx, job.accountSid(), parts[0], parts[1]));
        return JobOutcome.DONE;
    }

    private void fanOut(Tx tx, String accountSid, String conversationSid, String messageSid) {
        ConversationMessage m = tx.conversationMessages().find(accountSid, conversationSid, messageSid).orElse(null);
        if (m == null) {
            return; // deleted before it went out
        }
        List<Participant> participants = tx.conversations().participants(accountSid, conversationSid);
        // Media go as an MMS (or WhatsApp media) naming Parley's own copies, which the Messaging layer takes from the
        // data directory (StoredMediaUrls), never over HTTP.
        List<String> mediaUrls = m.mediaSids().stream()
                .map(sid -> publicUrl + ConversationMediaService.path(m.chatServiceSid(), sid) + "/Content").toList();
        boolean group = GroupTexting.isGroup(participants);
        List<String> members = group ? GroupTexting.members(participants) : List.of();
        Optional<String> projected = group ? GroupTexting.sender(participants, m) : Optional.empty();
        // A message from a handset of a group reached the other handsets through the carrier already.
        boolean fromHandset = group && participants.stream().anyMatch(p -> GroupTexting.handset(p.binding())
                && (p.sid().equals(m.participantSid()) || p.author().equals(m.author())));
        for (Participant p : participants) {
            if (!p.messaging() || p.sid().equals(m.participantSid()) || p.author().equals(m.author())
                    || group && fromHandset
                    || tx.conversationMessages().findDelivery(accountSid, m.sid(), p.sid()).isPresent()) {
                continue;
            }
            Message sent = null;
            Integer error = null;
            try {
                if (group) {
                    // One copy of the group MMS per handset, from the author's projected address, listing the rest.
                    String from = projected.orElseThrow(() -> new ApiException(50435, 400,
                            "Group MMS activation failed: the group has no projected address to send from"));
                    sent = messages.createIn(tx, new SendRequest(accountSid, p.binding().address(), from, null,
                            m.body(), mediaUrls, null, null, false, Direction.OUTBOUND_API), false,
                            GroupTexting.others(members, from, p.binding().address()));
                } else {
                    SendRequest copy = new SendRequest(accountSid, p.binding().address(),
                            p.binding().proxyAddress(), null, m.body(), mediaUrls, null, null, false,
                            Direction.OUTBOUND_API);
                    // A WhatsApp participant gets the template itself (it opens a closed window); SMS the text.
                    if (m.content() != null && ChannelAddress.isWhatsApp(p.binding().address())) {
                        copy = copy.withContent(m.content());
                    }
                    sent = messages.createIn(tx, copy, false);
                }
            } catch (ApiException e) {
                log.info("conversation message {} not relayed to {}: {} {}", m.sid(), p.binding().address(),
                        e.code(), e.getMessage());
                error = e.code();
            }
            ConversationMessageStore.Delivery delivery = new ConversationMessageStore.Delivery(accountSid, m.sid(),
                    p.sid(), conversationSid, sent == null ? null : sent.sid(), error, clock.instant());
            if (tx.conversationMessages().recordDelivery(delivery)) {
                receipts.open(tx, delivery, sent);
            }
        }
    }
}
