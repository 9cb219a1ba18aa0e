package dev.parley.core.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.message.channel.SendResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteChannelTest {
    private final FakeChannel uk = FakeChannel.accepting("smpp:uk");
    private final FakeChannel london = FakeChannel.accepting("smpp:london");
    private final FakeChannel fallback = FakeChannel.accepting("smpp:default");
    private final Channels registry = new Channels(List.of(uk, london, fallback));

    private RouteChannel route(String routes) {
        return new RouteChannel("route:world", ChannelParameters.of(Map.of("Routes", routes)).routes(null), registry);
    }

    @Test
    void theLongestMatchingPrefixWinsAndStarTakesTheRest() {
        RouteChannel world = route("+44=smpp:uk,+4420=smpp:london,*=smpp:default");
        assertThat(world.send(FakeChannel.to("+442071234567"))).isEqualTo(new SendResult.Accepted("id-smpp:london"));
        assertThat(world.send(FakeChannel.to("+447700900123"))).isEqualTo(new SendResult.Accepted("id-smpp:uk"));
        assertThat(world.send(FakeChannel.to("+14155550100"))).isEqualTo(new SendResult.Accepted("id-smpp:default"));
        assertThat(london.sent).extracting(m -> m.to()).containsExactly("+442071234567");
        assertThat(uk.sent).extracting(m -> m.to()).containsExactly("+447700900123");
        assertThat(fallback.sent).extracting(m -> m.to()).containsExactly("+14155550100");
    }

    @Test
    void theOrderRoutesAreWrittenInDoesNotMatterAndPrefixesWithoutPlusAreE164() {
        RouteChannel world = route("*=smpp:default,4420=smpp:london,44=smpp:uk");
        world.send(FakeChannel.to("+442071234567"));
        assertThat(london.sent).hasSize(1);
        assertThat(uk.sent).isEmpty();
    }

    @Test
    void aDestinationNoRouteMatchesFailsWith30008() {
        RouteChannel uk = route("+44=smpp:uk");
        SendResult result = uk.send(FakeChannel.to("+14155550100"));
        assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(r.errorCode()).isEqualTo(30008);
            assertThat(r.reason()).contains("+14155550100").contains("+44=smpp:uk");
        });
    }

    @Test
    void aRouteToAChannelThatIsNotOpenIsRetriedNotFailed() {
        registry.remove("smpp:uk");
        SendResult result = route("+44=smpp:uk").send(FakeChannel.to("+447700900123"));
        assertThat(result).isEqualTo(new SendResult.RetryLater(Duration.ofSeconds(30),
                "route:world routes +447700900123 to smpp:uk, which is not open on this node"));
    }

    @Test
    void aRouteFollowsTheChannelRegisteredUnderItsNameNow() {
        RouteChannel world = route("+44=smpp:uk");
        FakeChannel replaced = new FakeChannel("smpp:uk", new SendResult.Accepted("new"), 1);
        registry.register(replaced);
        assertThat(world.send(FakeChannel.to("+447700900123"))).isEqualTo(new SendResult.Accepted("new"));
        assertThat(uk.sent).isEmpty();
    }
}
