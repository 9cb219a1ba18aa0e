package dev.parley.channels.simulator;

import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.core.message.channel.SendResult;
import dev.parley.core.simulator.HandsetBehavior;
import dev.parley.core.tx.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The default channel: virtual handsets. What is sent to a handset lands in its inbox (the messages to
 * that number); each handset's behaviour decides the outcome — delivered after a latency, refused at once
 * (failed), reported undelivered, or never answered; a WhatsApp handset may also read it.
 */
public final class SimulatorChannel implements Channel {
    private static final int DEFAULT_FAIL_CODE = 30008;
    private static final int DEFAULT_UNDELIVERED_CODE = 30003;
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);
    private final Storage storage;
    private final Clock clock;
    private final Duration defaultLatency;

    public SimulatorChannel(Storage storage, Clock clock, Duration defaultLatency) {
        this.storage = storage;
        this.clock = clock;
        this.defaultLatency = defaultLatency;
    }

    @Override
    public String name() {
        return Channels.SIMULATOR;
    }

    @Override
    public boolean storesSendingWithOutcome() {
        return true;
    }

    @Override
    public boolean carriesWhatsApp() {
        return true;
    }

    /** A group MMS copy lands in the handset's inbox with the other recipients beside it. */
    @Override
    public boolean carriesGroupMms() {
        return true;
    }

    @Override
    public SendResult send(Message message) {
        HandsetBehavior behavior = storage.read(tx -> tx.handsets().find(message.accountSid(), message.to()))
                .orElse(HandsetBehavior.DEFAULT);
        Duration latency = behavior.latency() != null ? behavior.latency() : defaultLatency;
        String providerId = "sim-" + message.sid();
        return switch (behavior.mode()) {
            case FAIL -> new SendResult.Rejected(MessageStatus.FAILED,
                    behavior.errorCode() != null ? behavior.errorCode() : DEFAULT_FAIL_CODE, "handset refuses");
            case SILENT -> new SendResult.Accepted(providerId);
            case BUSY -> new SendResult.RetryLater(behavior.latency() != null ? behavior.latency() : BUSY_RETRY,
                    "handset busy");
            case DELIVER -> new SendResult.Accepted(providerId,
                    receipt(message, MessageStatus.DELIVERED, null, latency));
            case READ -> {
                ReceiptSink.Receipt delivered = receipt(message, MessageStatus.DELIVERED, null, latency);
                Instant readAt = delivered.applyAt().plus(latency);
                yield new SendResult.Accepted(providerId, List.of(delivered, new ReceiptSink.Receipt(
                        message.accountSid(), message.sid(), MessageStatus.READ, null, readAt, readAt)));
            }
            case UNDELIVER -> new SendResult.Accepted(providerId, receipt(message, MessageStatus.UNDELIVERED,
                    behavior.errorCode() != null ? behavior.errorCode() : DEFAULT_UNDELIVERED_CODE, latency));
        };
    }

    /** The handset's answer, known in advance: the dispatcher stores it with the send, due after the latency. */
    private ReceiptSink.Receipt receipt(Message message, MessageStatus status, Integer errorCode, Duration latency) {
        Instant at = clock.instant().plus(latency);
        return new ReceiptSink.Receipt(message.accountSid(), message.sid(), status, errorCode, at, at);
    }
}
