package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.address.PhoneNumber;
import dev.parley.core.content.Content;
import dev.parley.core.content.ContentService;
import dev.parley.core.content.TemplateSubmitter;
import dev.parley.core.content.WhatsAppApproval;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.RandomIdGenerator;
import dev.parley.core.message.Message;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.message.channel.SendResult;
import dev.parley.core.number.ChannelNames;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.store.Database;
import dev.parley.testing.AdjustableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WhatsApp approval requests through channels that submit templates ({@link TemplateSubmitter}), and the template
 * statuses their provider reports back ({@code TemplateStatusSink}), on a real store. The submitting channel is a fake
 * registered here, as a WhatsApp Cloud API connection would be, and a number of the account is bound to it as a
 * WhatsApp sender; which channels an account may use is a fixed set.
 */
class ContentApprovalTest {
    private static final String ACCOUNT = "AC" + "a".repeat(32);
    private static final String OTHER = "AC" + "b".repeat(32);
    private static final String CHANNEL = "whatsapp:acme";
    private static final AtomicInteger NEXT_NUMBER = new AtomicInteger();

    @TempDir
    Path dir;
    private Database database;
    private final AdjustableClock clock = new AdjustableClock();
    private final Channels channels = new Channels(List.of());
    private ContentService contents;

    /** A channel that submits templates: records each submission and answers as told. */
    private static final class FakeSubmitter implements Channel, TemplateSubmitter {
        final List<String> submitted = new CopyOnWriteArrayList<>();
        final String name;
        volatile RuntimeException failure;

        FakeSubmitter(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SendResult send(Message message) {
            throw new AssertionError("no message is sent in these tests");
        }

        @Override
        public boolean carriesWhatsApp() {
            return true;
        }

        @Override
        public Submitted submit(Content content, String templateName, String category) {
            if (failure != null) {
                throw failure;
            }
            submitted.add(content.sid() + " " + templateName + " " + category);
            return new Submitted("tpl-" + submitted.size(), "pending");
        }
    }

    @BeforeEach
    void open() {
        // Stopped on a whole second: stored times have microseconds.
        clock.freeze();
        clock.setTo(Instant.parse("2026-01-05T10:00:00Z"));
        database = Database.open("jdbc:sqlite:" + dir.resolve("parley.db"));
        // ACCOUNT may use whatsapp:acme (it owns the connection); OTHER may not.
        ChannelNames names = new ChannelNames() {
            @Override
            public boolean exists(String name) {
                return channels.exists(name);
            }

            @Override
            public boolean carriesWhatsApp(String name) {
                return channels.carriesWhatsApp(name);
            }

            @Override
            public boolean usableBy(String accountSid, String name) {
                return exists(name) && (name.equals(Channels.SIMULATOR) || accountSid.equals(ACCOUNT));
            }
        };
        contents = new ContentService(database, new RandomIdGenerator(), clock, channels, names);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** A number of {@code account} made a WhatsApp sender on {@code channel}. */
    private void whatsAppSender(String account, String channel) {
        String e164 = "+1415555" + String.format("%04d", NEXT_NUMBER.getAndIncrement());
        database.writeVoid(tx -> tx.numbers().insert(new IncomingPhoneNumber("PN" + UUID.randomUUID().toString()
                .replace("-", ""), account, PhoneNumber.parse(e164).orElseThrow(), e164,
                IncomingPhoneNumber.Webhooks.NONE, Channels.SIMULATOR, clock.instant(), clock.instant(), null,
                channel)));
    }

    private Content content(String account) throws Exception {
        return contents.create(account, new ContentService.Draft("shipped", "en", null, new ObjectMapper().readTree(
                "{\"twilio/text\": {\"body\": \"Order {{1}} shipped\"}}")));
    }

    @Test
    void approvalGoesToTheSubmittingChannelAndFollowsItsReports() throws Exception {
        FakeSubmitter acme = new FakeSubmitter(CHANNEL);
        channels.register(acme);
        whatsAppSender(ACCOUNT, CHANNEL);
        Content c = content(ACCOUNT);

        WhatsAppApproval requested = contents.requestWhatsAppApproval(ACCOUNT, c.sid(), "order_shipped", "utility");
        assertThat(acme.submitted).containsExactly(c.sid() + " order_shipped UTILITY");
        assertThat(requested.status()).isEqualTo("pending");
        assertThat(requested.channel()).isEqualTo(CHANNEL);
        assertThat(requested.templateId()).isEqualTo("tpl-1");
        assertThat(contents.whatsAppApproval(ACCOUNT, c.sid())).map(WhatsAppApproval::status).contains("pending");

        clock.advance(Duration.ofMinutes(1));
        contents.update(CHANNEL, "tpl-1", "order_shipped", "en_US", "APPROVED", "");
        WhatsAppApproval approved = contents.whatsAppApproval(ACCOUNT, c.sid()).orElseThrow();
        assertThat(approved.status()).isEqualTo("approved");
        assertThat(approved.dateUpdated()).isEqualTo(clock.instant());

        // Repeated, then a late "pending": neither changes anything.
        clock.advance(Duration.ofMinutes(1));
        contents.update(CHANNEL, "tpl-1", "order_shipped", "en_US", "approved", "");
        contents.update(CHANNEL, "tpl-1", "order_shipped", "en_US", "pending", "");
        assertThat(contents.whatsAppApproval(ACCOUNT, c.sid())).contains(approved);

        // Another channel's template of the same id is not this one; Meta may later pause or disable it.
        contents.update("whatsapp:other", "tpl-1", "order_shipped", "en_US", "rejected", "spam");
        assertThat(contents.whatsAppApproval(ACCOUNT, c.sid())).contains(approved);
        contents.update(CHANNEL, "tpl-1", "order_shipped", "en_US", "paused", "");
        assertThat(contents.whatsAppApproval(ACCOUNT, c.sid())).map(WhatsAppApproval::status).contains("paused");
    }

    @Test
    void aReportWithoutTheTemplateIdFindsItByNameAndLanguage() throws Exception {
        FakeSubmitter acme = new FakeSubmitter(CHANNEL);
        channels.register(acme);
        whatsAppSender(ACCOUNT, CHANNEL);
        Content c = content(ACCOUNT);
        contents.requestWhatsAppApproval(ACCOUNT, c.sid(), "order_shipped", "UTILITY");

        contents.update(CHANNEL, null, "order_shipped", "fr", "rejected", "wrong language");
        assertThat(contents.whatsAppApproval(ACCOUNT, c.sid())).map(WhatsAppApproval::status).contains("pending");
        contents.update(CHANNEL, null, "order_shipped", "en_GB", "rejected", "INVALID_FORMAT");
        WhatsAppApproval rejected = contents.whatsAppApproval(ACCOUNT, c.sid()).orElseThrow();
        assertThat(rejected.status()).isEqualTo("rejected");
        assertThat(rejected.rejectionReason()).isEqualTo("INVALID_FORMAT");
        contents.update(CHANNEL, null, "order_shipped", "en", "bogus", "");
        assertThat(contents.whatsAppApproval(ACCOUNT, c.sid())).contains(rejected);

        // A rejected template may be submitted again (under a new name).
        WhatsAppApproval again = contents.requestWhatsAppApproval(ACCOUNT, c.sid(), "order_shipped_v2", "UTILITY");
        assertThat(again.status()).isEqualTo("pending");
        assertThat(acme.submitted).hasSize(2);
    }

    @Test
    void aRefusalIsStoredAsRejectedAndAnUnreachableProviderStoresNothing() throws Exception {
        FakeSubmitter acme = new FakeSubmitter(CHANNEL);
        channels.register(acme);
        whatsAppSender(ACCOUNT, CHANNEL);
        Content c = content(ACCOUNT);

        acme.failure = new TemplateSubmitter.ProviderUnavailable("connection refused");
        assertThatThrownBy(() -> contents.requestWhatsAppApproval(ACCOUNT, c.sid(), "order_shipped", "UTILITY"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(20503);
                    assertThat(e.httpStatus()).isEqualTo(503);
                });
        assertThat(contents.whatsAppApproval(ACCOUNT, c.sid())).isEmpty();

        acme.failure = new TemplateSubmitter.TemplateRefused("Name already taken");
        WhatsAppApproval refused = contents.requestWhatsAppApproval(ACCOUNT, c.sid(), "order_shipped", "UTILITY");
        assertThat(refused.status()).isEqualTo("rejected");
        assertThat(refused.rejectionReason()).isEqualTo("Name already taken");
    }

    @Test
    void anAccountWhoseSendersAreNotOnTheChannelIsApprovedOnTheSimulator() throws Exception {
        FakeSubmitter acme = new FakeSubmitter(CHANNEL);
        channels.register(acme);
        whatsAppSender(ACCOUNT, Channels.SIMULATOR);
        Content c = content(ACCOUNT);
        WhatsAppApproval approval = contents.requestWhatsAppApproval(ACCOUNT, c.sid(), "order_shipped", "UTILITY");
        assertThat(acme.submitted).isEmpty();
        assertThat(approval.status()).isEqualTo("approved");
        assertThat(approval.channel()).isEqualTo("simulator");
    }

    @Test
    void anAccountThatMayNotUseTheChannelIsApprovedOnTheSimulator() throws Exception {
        FakeSubmitter acme = new FakeSubmitter(CHANNEL);
        channels.register(acme);
        whatsAppSender(OTHER, CHANNEL);
        Content c = content(OTHER);
        WhatsAppApproval approval = contents.requestWhatsAppApproval(OTHER, c.sid(), "order_shipped", "MARKETING");
        assertThat(acme.submitted).isEmpty();
        assertThat(approval.status()).isEqualTo("approved");
        assertThat(approval.channel()).isEqualTo("simulator");
        assertThat(approval.templateId()).isNull();
        // Content SIDs are per account.
        assertThatThrownBy(() -> contents.requestWhatsAppApproval(ACCOUNT, c.sid(), "x", "UTILITY"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(20404));
        assertThat(Set.of(approval.category())).containsExactly("MARKETING");
    }
}
