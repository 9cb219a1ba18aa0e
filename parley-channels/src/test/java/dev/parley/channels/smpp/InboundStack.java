package dev.parley.channels.smpp;

import dev.parley.core.account.AccountService;
import dev.parley.core.address.PhoneNumber;
import dev.parley.core.billing.PriceTable;
import dev.parley.core.billing.TablePricing;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.id.RandomIdGenerator;
import dev.parley.core.inbound.Concatenation;
import dev.parley.core.inbound.ConversationRouter;
import dev.parley.core.inbound.InboundCompletion;
import dev.parley.core.inbound.InboundService;
import dev.parley.core.inbound.InboundWebhookHandler;
import dev.parley.core.media.DenyList;
import dev.parley.core.media.MediaFetcher;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageFilter;
import dev.parley.core.message.MessageService;
import dev.parley.core.message.SendPacing;
import dev.parley.core.message.StatusCallbacks;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.queue.Backoff;
import dev.parley.core.queue.FairShare;
import dev.parley.core.queue.JobRunner;
import dev.parley.core.throughput.SendRates;
import dev.parley.core.throughput.SenderQueue;
import dev.parley.core.webhook.WebhookClient;
import dev.parley.outbound.Outbound;
import dev.parley.store.Database;
import dev.parley.testing.AdjustableClock;
import dev.parley.testing.WebhookReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Parley's inbound path as the server wires it, on a real SQLite database: the inbound service, reassembly with its
 * MO completion, the job runner with the webhook and timeout handlers, and a number whose webhook is a
 * {@link WebhookReceiver}. Time is an {@link AdjustableClock}.
 */
final class InboundStack implements AutoCloseable {
    static final String NUMBER = "+14155550100";
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    final AdjustableClock clock = new AdjustableClock();
    final IdGenerator ids = new RandomIdGenerator();
    final Path folder;
    final Database database;
    final WebhookReceiver receiver = new WebhookReceiver();
    final Outbound outbound = Outbound.create(DenyList.parse(List.of()), MediaFetcher.Settings.DEFAULT);
    final InboundService inbound;
    final Concatenation concatenation;
    final JobRunner runner;
    final String accountSid;

    InboundStack() throws IOException {
        folder = Files.createTempDirectory("parley-smpp-inbound-");
        database = Database.open("jdbc:sqlite:" + folder.resolve("parley.db"));
        TablePricing pricing = new TablePricing(PriceTable.bundled(), clock);
        StatusCallbacks callbacks = new StatusCallbacks(ids, clock, 3);
        SendPacing pacing = new SendPacing(new SendPacing.Parts(new SenderQueue(SendRates.UNLIMITED, clock),
                new FairShare(FairShare.DEFAULT_SHARE), callbacks, pricing, ids, clock, 3));
        MessageService messages = new MessageService(database, clock, ids, pricing, 3, pacing);
        inbound = new InboundService(database, ids, clock, new InboundService.Parts(messages, pricing, 3,
                ConversationRouter.NONE));
        concatenation = new Concatenation(ids, clock, TIMEOUT, List.of(new InboundCompletion(inbound)));
        runner = new JobRunner(database, clock, List.of(
                new InboundWebhookHandler(database, new WebhookClient(outbound.webhooks(), Duration.ofSeconds(5)),
                        messages, ids, clock),
                concatenation),
                new JobRunner.Settings(8, 32, Duration.ofMinutes(1), Duration.ofMillis(50),
                        new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)), "test-node"));
        accountSid = new AccountService(database, ids, clock).ensureMainAccount(null, null).account().sid();
        receiver.respond("/sms", 200, "text/xml", WebhookReceiver.EMPTY_TWIML);
        IncomingPhoneNumber number = new IncomingPhoneNumber(ids.sid("PN"), accountSid, new PhoneNumber(NUMBER),
                "SMPP number", new IncomingPhoneNumber.Webhooks(receiver.url("/sms"), "POST", null, "POST", null,
                        "POST"), "smpp:carrier-a", clock.instant(), clock.instant(), null);
        database.writeVoid(tx -> tx.numbers().insert(number));
        runner.start();
    }

    SmppInbound handler(boolean gsm7Packed) {
        return new SmppInbound(database, inbound, concatenation, gsm7Packed);
    }

    /** The account's messages, oldest first. */
    List<Message> messages() {
        return database.read(tx -> tx.messages().list(accountSid, MessageFilter.ALL, PageRequest.first(100)))
                .items().stream().sorted(Comparator.comparing(Message::dateCreated)).toList();
    }

    List<Message> received() {
        return messages().stream().filter(m -> m.to().equals(NUMBER)).toList();
    }

    @Override
    public void close() throws IOException {
        runner.close();
        receiver.close();
        outbound.close();
        database.close();
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
