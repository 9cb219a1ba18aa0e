package dev.parley.core.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.message.channel.SendResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverChannelTest {
    private static final SendResult.RetryLater THROTTLED = new SendResult.RetryLater(Duration.ofSeconds(1), "throttled");
    private final FakeChannel backup = FakeChannel.accepting("smpp:backup");
    private final Channels registry = new Channels(List.of(backup));

    private FailoverChannel over(FakeChannel primary) {
        FailoverChannel channel = new FailoverChannel(primary, "smpp:backup", registry);
        registry.register(channel);
        return channel;
    }

    @Test
    void aPrimaryWithABindUpSendsItselfAndItsAnswerStands() {
        FakeChannel primary = FakeChannel.accepting("smpp:main");
        assertThat(over(primary).send(FakeChannel.to("+447700900123"))).isEqualTo(new SendResult.Accepted(
                "id-smpp:main"));
        assertThat(primary.sent).hasSize(1);
        assertThat(backup.sent).isEmpty();
    }

    @Test
    void aPrimaryWithNoBindUpIsNotAskedTheFailoverSends() {
        FakeChannel primary = new FakeChannel("smpp:main", THROTTLED, 0);
        assertThat(over(primary).send(FakeChannel.to("+447700900123"))).isEqualTo(new SendResult.Accepted(
                "id-smpp:backup"));
        assertThat(primary.sent).isEmpty();
        assertThat(backup.sent).hasSize(1);
    }

    @Test
    void aPrimaryAnsweringRetryLaterHandsTheMessageToTheFailoverWhoseAnswerStands() {
        FakeChannel primary = new FakeChannel("smpp:main", THROTTLED, 1);
        FakeChannel refusing = new FakeChannel("smpp:backup", new SendResult.Rejected(MessageStatus.FAILED, 30003,
                "unreachable"), 1);
        registry.register(refusing);
        assertThat(over(primary).send(FakeChannel.to("+447700900123"))).isEqualTo(new SendResult.Rejected(
                MessageStatus.FAILED, 30003, "unreachable"));
        assertThat(primary.sent).hasSize(1);
        assertThat(refusing.sent).hasSize(1);
    }

    @Test
    void aRefusalByThePrimaryIsFinalAndNotFailedOver() {
        FakeChannel primary = new FakeChannel("smpp:main", new SendResult.Rejected(MessageStatus.FAILED, 21211,
                "invalid destination"), 1);
        assertThat(over(primary).send(FakeChannel.to("+447700900123"))).isInstanceOf(SendResult.Rejected.class);
        assertThat(backup.sent).isEmpty();
    }

    @Test
    void withoutTheFailoverRegisteredThePrimaryAnswers() {
        registry.remove("smpp:backup");
        FakeChannel primary = new FakeChannel("smpp:main", THROTTLED, 0);
        assertThat(over(primary).send(FakeChannel.to("+447700900123"))).isEqualTo(THROTTLED);
        assertThat(primary.sent).hasSize(1);
    }

    @Test
    void twoConnectionsFailingOverToEachOtherMakeNoLoop() {
        FakeChannel a = new FakeChannel("smpp:a", THROTTLED, 1);
        FakeChannel b = new FakeChannel("smpp:b", THROTTLED, 1);
        FailoverChannel aOverB = new FailoverChannel(a, "smpp:b", registry);
        FailoverChannel bOverA = new FailoverChannel(b, "smpp:a", registry);
        registry.register(aOverB);
        registry.register(bOverA);
        assertThat(aOverB.send(FakeChannel.to("+447700900123"))).isEqualTo(THROTTLED);
        assertThat(a.sent).hasSize(1);
        assertThat(b.sent).hasSize(1);
    }

    @Test
    void closingTheWrapperClosesThePrimaryAndStateIsThePrimarys() {
        FakeChannel primary = new FakeChannel("smpp:main", THROTTLED, 0);
        FailoverChannel channel = over(primary);
        assertThat(channel.name()).isEqualTo("smpp:main");
        assertThat(channel.state()).isEqualTo(primary.state());
        channel.close();
        assertThat(primary.closed).isTrue();
        assertThat(backup.closed).isFalse();
    }
}
