package dev.parley.core.conversation.hook;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessageService;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.error.ApiException;
import dev.parley.core.message.Message;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandler;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.tx.Storage;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message from a participant's handset when the account has a pre-event hook for {@code onMessageAdd}: the received
 * message is committed first (its job with it), then this job asks the hook — outside any transaction — and adds the
 * conversation message as the hook let it through, in the transaction that completes the job. A rejected message
 * stays out of the conversation; the hook's answer is in the webhook delivery log.
 */
public final class InboundHookHandler implements JobHandler {
    public static final String KIND = "conversation.inbound-hook";
    private static final Logger log = LoggerFactory.getLogger(InboundHookHandler.class);
    private final Storage storage;
    private final PreEventHooks hooks;
    private final ConversationMessageService messages;

    public InboundHookHandler(Storage storage, PreEventHooks hooks, ConversationMessageService messages) {
        this.storage = storage;
        this.hooks = hooks;
        this.messages = messages;
    }

    /**
     * The job payload: the participant, the received message and its media (conversation media SIDs, when it was an
     * MMS), as {@code CH…/MB…/SM…} or {@code CH…/MB…/MM…/ME…,ME…}.
     */
    public static String payload(Participant author, Message received, List<String> mediaSids) {
        String payload = author.conversationSid() + "/" + author.sid() + "/" + received.sid();
        return mediaSids.isEmpty() ? payload : payload + "/" + String.join(",", mediaSids);
    }

    @Override
    public String kind() {
        return KIND;
    }

    private record Arrival(Conversation conversation, Participant author, Message received) {
    }

    @Override
    public JobOutcome handle(Job job) {
        String[] parts = job.payload().split("/", 4);
        List<String> mediaSids = parts.length < 4 ? List.of() : List.of(parts[3].split(","));
        String account = job.accountSid();
        Optional<Arrival> arrival = storage.read(tx -> tx.conversations().find(account, parts[0])
                .flatMap(conv -> tx.conversations().findParticipant(account, conv.sid(), parts[1])
                        .flatMap(p -> tx.messages().find(account, parts[2]).map(m -> new Arrival(conv, p, m)))));
        if (arrival.isEmpty() || arrival.get().conversation().state() == ConversationState.CLOSED) {
            return JobOutcome.DONE; // the conversation closed, or the participant left, while the message waited
        }
        Arrival a = arrival.get();
        ConversationMessageService.Draft draft = new ConversationMessageService.Draft(a.author().author(),
                a.received().body(), null, mediaSids);
        ConversationMessageService.Draft asked;
        try {
            asked = draft.amendedBy(hooks.ask(account, "onMessageAdd", tx -> PreEventHooks.messageAdd(tx,
                    a.conversation(), draft.author(), a.author().sid(), draft, ConversationMessageService.source(
                            a.author()))));
        } catch (ApiException refused) {
            log.info("message {} from {} kept out of conversation {}: {}", a.received().sid(),
                    a.author().binding().address(), a.conversation().sid(), refused.getMessage());
            return JobOutcome.DONE;
        }
        return JobOutcome.done(tx -> tx.conversations().findParticipant(account, a.conversation().sid(),
                a.author().sid()).ifPresent(p -> {
                    if (tx.conversations().find(account, p.conversationSid())
                            .filter(c -> c.state() != ConversationState.CLOSED).isPresent()) {
                        messages.addFrom(tx, p, asked);
                    }
                }));
    }
}
