package dev.parley.server.e2e;

import dev.parley.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Every end-to-end contract against one Parley server and one webhook receiver, shared by the contracts'
 * tests (each uses numbers of its own). Subclasses name the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndSuite implements MessagingContract, InboundContract, AccountsContract, WireContract,
        DispatcherContract, MessagingServicesContract, ServiceSendingContract, WhatsAppContract,
        SchedulingContract, ValidityContract, UsageContract, UsageWireContract, MediaContract,
        RateLimitContract, ConversationsContract, ConversationParticipantsContract,
        ConversationUsersContract, ConversationReceiptsContract, ConversationPriceContract,
        ConversationAutoCreationContract, ConversationConfigurationContract, ConversationWebhooksContract,
        ConversationScopedWebhooksContract, ConversationPreHooksContract, ConversationMediaContract,
        GroupTextingContract, FormEncodingContract, PagingContract, PagingLinksContract, DateFiltersContract,
        NaturalKeysContract, NumberSubresourcesContract, FeedbackContract, ServiceConfigurationContract,
        MediaTruthContract, MediaCleanupContract, HooksCoverageContract, ServiceSendersContract,
        SenderSelectionContract, TwoWayShortCodeContract, HostDomainsContract, MalformedInputContract,
        WebhookAddressPolicyContract, ChannelsContract, SmppChannelsContract, CarrierInboundContract,
        SmppReceiptsContract, ChatActionsContract, WhatsAppWindowContract, ProviderChannelsContract, ContentContract,
        ProviderChannelBindingContract, WhatsAppCloudContract {
    private Parley parley;
    private WebhookReceiver receiver;

    /** The JDBC URL of a fresh database, or null for the embedded SQLite default. */
    abstract String databaseUrl();

    @BeforeAll
    void start() {
        receiver = new WebhookReceiver();
        parley = Parley.start(databaseUrl(), 3);
    }

    /** After every contract: each link any of their answers advertised resolves (issue 11, item 5). */
    @AfterAll
    void stop() {
        try {
            LinkWalker.assertEveryLinkResolves(parley);
        } finally {
            parley.close();
            receiver.close();
        }
    }

    @Override
    public Parley parley() {
        return parley;
    }

    @Override
    public WebhookReceiver receiver() {
        return receiver;
    }
}
