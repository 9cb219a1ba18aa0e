package dev.parley.core.conversation.config;

import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.hook.PreEventHooks;
import dev.parley.core.conversation.participant.ParticipantService;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.message.Message;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandler;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.tx.Storage;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handset's message that starts a conversation (address auto-creation) when the account's pre-event hooks want
 * onConversationAdd or onParticipantAdd: the received message was committed with this job (ADR 0014: no hook is
 * called with a transaction open). The job asks onConversationAdd, then onParticipantAdd (told the SID the
 * conversation will have), each answer amending what it was asked about, and creates the conversation, its
 * participant and first message as they let them through, in the transaction that completes the job
 * ({@link AddressAutoCreation#createAsked}). A refusal, or a hook that does not answer in time, keeps the message out
 * of any conversation; the Message itself stays received. Every call is in the webhook delivery log.
 */
public final class AutoCreationHookHandler implements JobHandler {
    public static final String KIND = "conversation.auto-create-hook";
    private static final Logger log = LoggerFactory.getLogger(AutoCreationHookHandler.class);
    private final Storage storage;
    private final PreEventHooks hooks;
    private final AddressAutoCreation autoCreation;
    private final IdGenerator ids;

    public AutoCreationHookHandler(Storage storage, PreEventHooks hooks, AddressAutoCreation autoCreation,
            IdGenerator ids) {
        this.storage = storage;
        this.hooks = hooks;
        this.autoCreation = autoCreation;
        this.ids = ids;
    }

    /** The job payload: the received message and the chat service its conversation goes to, {@code SM…/IS…}. */
    static String payload(Message received, String chatServiceSid) {
        return received.sid() + "/" + chatServiceSid;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobOutcome handle(Job job) {
        String account = job.accountSid();
        String[] parts = job.payload().split("/", 2);
        Optional<Message> found = storage.read(tx -> tx.messages().find(account, parts[0])
                .filter(m -> AddressAutoCreation.configuration(tx, m).isPresent()));
        if (found.isEmpty()) {
            return JobOutcome.DONE; // the message was deleted, or its address no longer auto-creates
        }
        Message received = found.get();
        String service = parts[1];
        String conversationSid = ids.sid("CH");
        AddressAutoCreation.Asked asked;
        try {
            ConversationService.Changes blank = AddressAutoCreation.blank();
            ConversationService.Changes changes = ConversationService.checkedNew(blank.amendedBy(hooks.ask(account,
                    "onConversationAdd", tx -> PreEventHooks.conversationAdd(service, ConversationService
                            .checkedNew(blank), received))));
            ParticipantService.Creation sender = autoCreation.sender(received);
            ParticipantService.Creation let = sender.amendedBy(hooks.ask(account, "onParticipantAdd",
                    tx -> PreEventHooks.participantAdd(new PreEventHooks.NewConversation(account, service,
                            conversationSid, null, AddressAutoCreation.source(received)), sender)));
            asked = new AddressAutoCreation.Asked(conversationSid, service, changes, let);
        } catch (ApiException refused) {
            log.info("message {} from {} starts no conversation: {}", received.sid(), received.from(),
                    refused.getMessage());
            return JobOutcome.DONE;
        }
        return JobOutcome.done(tx -> autoCreation.createAsked(tx, received, asked));
    }
}
