package dev.parley.server;

import dev.parley.core.billing.ActiveConversationFee;
import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.ConversationMessageService;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationTimers;
import dev.parley.core.conversation.ConversationWithParticipantsService;
import dev.parley.core.conversation.config.AddressAutoCreation;
import dev.parley.core.conversation.config.AddressConfigurationService;
import dev.parley.core.conversation.config.ConversationConfigurationService;
import dev.parley.core.conversation.config.ServiceNotificationService;
import dev.parley.core.conversation.hook.ConversationEvents;
import dev.parley.core.conversation.hook.ConversationWebhookService;
import dev.parley.core.conversation.hook.PreEventHooks;
import dev.parley.core.conversation.hook.ScopedWebhookService;
import dev.parley.core.conversation.media.ConversationMediaService;
import dev.parley.core.conversation.participant.ParticipantService;
import dev.parley.core.conversation.receipt.ConversationReceiptService;
import dev.parley.core.conversation.user.RoleService;
import dev.parley.core.conversation.user.UserConversationService;
import dev.parley.core.conversation.user.UserService;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.webhook.WebhookClient;
import dev.parley.http.HttpApi;
import dev.parley.store.Database;
import java.time.Clock;

/**
 * The Conversations product: its events and hooks, the delivery receipts that follow Messaging's statuses, and the
 * services inbound messages and the API share. Wired before Messaging, whose status changes it listens to.
 */
record ConversationWiring(PreEventHooks preEventHooks, ConversationEvents events,
        ConversationReceiptService receipts, ConversationTimers timers, ConversationMediaService media,
        ConversationMessageService messages, ConversationService conversations, ParticipantService participants,
        AddressAutoCreation autoCreation) {

    static ConversationWiring wire(Shared shared, WebhookClient preEventHookClient) {
        Database database = shared.database();
        IdGenerator ids = shared.ids();
        Clock clock = shared.clock();
        int webhookAttempts = shared.config().webhookMaxAttempts();
        PreEventHooks preEventHooks = new PreEventHooks(database, preEventHookClient, ids, clock);
        ConversationEvents events = new ConversationEvents(ids, clock, webhookAttempts, preEventHooks);
        // Conversation delivery receipts follow every Messaging-layer status change, in its transaction.
        ConversationReceiptService receipts = new ConversationReceiptService(database, ids, clock, events);
        ConversationTimers timers = new ConversationTimers(database, ids, clock);
        ConversationMediaService media = new ConversationMediaService(database, shared.mediaFiles(), ids, clock);
        ConversationMessageService messages = new ConversationMessageService(database, ids, clock,
                new ConversationMessageService.Parts(timers, events, media,
                        new ActiveConversationFee(shared.prices(), clock), shared.config().sendMaxAttempts()));
        ConversationService conversations = new ConversationService(database, ids, clock, timers, events, media);
        ParticipantService participants = new ParticipantService(database, ids, clock, events);
        AddressAutoCreation autoCreation = new AddressAutoCreation(new AddressAutoCreation.Parts(conversations,
                participants, messages), ids, clock, webhookAttempts);
        return new ConversationWiring(preEventHooks, events, receipts, timers, media, messages, conversations,
                participants, autoCreation);
    }

    /** The Conversations API's services, on the conversations, participants and messages inbound shares. */
    HttpApi.Conversations api(Shared shared) {
        Database database = shared.database();
        IdGenerator ids = shared.ids();
        Clock clock = shared.clock();
        ChatServiceService services = new ChatServiceService(database, ids, clock, media);
        return new HttpApi.Conversations(services, conversations, participants, messages,
                new ConversationWithParticipantsService(conversations, participants),
                new HttpApi.Users(new UserService(database, ids, clock, events), new RoleService(database, ids, clock),
                        new UserConversationService(database, clock)), receipts,
                new HttpApi.AutoCreation(new ConversationConfigurationService(database, services, ids, clock),
                        new AddressConfigurationService(database, ids, clock),
                        new ConversationWebhookService(database, services, clock),
                        new ScopedWebhookService(database, ids, clock),
                        new ServiceNotificationService(database, services, clock)), media);
    }
}
