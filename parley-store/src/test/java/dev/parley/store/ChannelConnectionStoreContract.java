package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.connection.ChannelConnection;
import dev.parley.core.connection.RouteTable;
import dev.parley.core.connection.SmppSettings;
import dev.parley.core.connection.TwilioSettings;
import dev.parley.core.connection.WhatsAppSettings;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.time.Duration;
import java.time.Instant;
import dev.parley.core.tx.Tx;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Channels: SMPP connections, route tables, WhatsApp Cloud API numbers and upstream Twilio accounts (V22). */
interface ChannelConnectionStoreContract extends UsesDatabase {

    private static String randomName() {
        return "c" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8);
    }

    static SmppSettings smpp(String failover) {
        return new SmppSettings("smsc.example.net", 2776, true, "parley", "s3cr3t!", "CMT",
                SmppSettings.BindType.TRANSMITTER_RECEIVER, 4, 100, 250.5, Duration.ofSeconds(20),
                Duration.ofMillis(1500), Duration.ofSeconds(90), Duration.ofMillis(7500), 5, 0, 2, 9,
                SmppSettings.DataCoding.LATIN1, true, SmppSettings.Split.SAR, SmppSettings.IdFormat.HEX,
                SmppSettings.IdFormat.DECIMAL, failover);
    }

    private static ChannelConnection connection(String account, String name, Instant at) {
        return new ChannelConnection(Fixtures.sid("CN"), account, name, ChannelConnection.Type.SMPP,
                smpp("smpp:backup"), null, ChannelConnection.Source.API, at, at);
    }

    private Optional<ChannelConnection> find(String name) {
        return storage().read(tx -> tx.channelConnections().find(name));
    }

    private List<ChannelConnection> all() {
        return storage().read(tx -> tx.channelConnections().all());
    }

    private boolean did(Function<Tx, Boolean> work) {
        return storage().write(work);
    }

    @Test
    default void everySettingRoundTripsAndANameIsUniqueAcrossAccounts() {
        String account = Fixtures.sid("AC");
        String name = randomName();
        ChannelConnection c = connection(account, name, T0);
        assertThat(did(tx -> tx.channelConnections().insert(c))).isTrue();
        assertThat(find(name)).contains(c);
        assertThat(find(name).orElseThrow().smpp().password())
                .isEqualTo("s3cr3t!");

        ChannelConnection other = connection(Fixtures.sid("AC"), name, T0.plusSeconds(1));
        assertThat(did(tx -> tx.channelConnections().insert(other))).as("same name, other account")
                .isFalse();
        assertThat(find(name)).contains(c);
    }

    @Test
    default void aRouteTableRoundTripsLongestPrefixFirst() {
        String account = Fixtures.sid("AC");
        String name = randomName();
        RouteTable table = new RouteTable(List.of(new RouteTable.Route("*", "smpp:default"),
                new RouteTable.Route("+44", "smpp:uk"), new RouteTable.Route("+4420", "smpp:london")));
        ChannelConnection c = new ChannelConnection(Fixtures.sid("CN"), account, name, ChannelConnection.Type.ROUTE,
                null, table, ChannelConnection.Source.CONFIG, T0, T0);
        did(tx -> tx.channelConnections().insert(c));
        ChannelConnection read = find(name).orElseThrow();
        assertThat(read).isEqualTo(c);
        assertThat(read.routes().wire()).isEqualTo("+4420=smpp:london,+44=smpp:uk,*=smpp:default");
        assertThat(read.source()).isEqualTo(ChannelConnection.Source.CONFIG);
    }

    @Test
    default void updateReplacesTheSettingsAndDeleteRemovesTheRow() {
        String account = Fixtures.sid("AC");
        String name = randomName();
        ChannelConnection c = connection(account, name, T0);
        did(tx -> tx.channelConnections().insert(c));
        SmppSettings s = c.smpp();
        SmppSettings wider = new SmppSettings(s.host(), s.port(), false, s.systemId(), "n3w", s.systemType(),
                SmppSettings.BindType.TRANSCEIVER, 1, 7, 0, s.enquireLinkInterval(), s.reconnectMin(),
                s.reconnectMax(), s.responseTimeout(), 1, 1, 1, 1, SmppSettings.DataCoding.SMSC_DEFAULT, false,
                SmppSettings.Split.PAYLOAD, SmppSettings.IdFormat.STRING, SmppSettings.IdFormat.STRING, null);
        ChannelConnection changed = c.with(wider, null, T0.plusSeconds(5));
        storage().writeVoid(tx -> tx.channelConnections().update(changed));
        assertThat(find(name)).contains(changed);

        assertThat(did(tx -> tx.channelConnections().delete(name))).isTrue();
        assertThat(find(name)).isEmpty();
        assertThat(did(tx -> tx.channelConnections().delete(name))).isFalse();
    }

    @Test
    default void anAccountListsItsOwnChannelsNewestFirstInPagesAndAllListsEveryone() {
        String account = Fixtures.sid("AC");
        String stranger = Fixtures.sid("AC");
        ChannelConnection a = connection(account, randomName(), T0);
        ChannelConnection b = connection(account, randomName(), T0.plusSeconds(1));
        ChannelConnection d = connection(account, randomName(), T0.plusSeconds(2));
        ChannelConnection theirs = connection(stranger, randomName(), T0.plusSeconds(3));
        for (ChannelConnection c : List.of(a, b, d, theirs)) {
            did(tx -> tx.channelConnections().insert(c));
        }
        Page<ChannelConnection> first = storage().read(tx -> tx.channelConnections().list(account,
                PageRequest.first(2)));
        assertThat(first.items()).containsExactly(d, b);
        Page<ChannelConnection> second = storage().read(tx -> tx.channelConnections().list(account,
                new PageRequest(2, 1, first.next())));
        assertThat(second.items()).containsExactly(a);
        assertThat(all()).contains(a, b, d, theirs);
    }

    @Test
    default void aWhatsAppNumberRoundTripsWithItsSecretsAndAnUpdateReplacesThem() {
        String name = randomName();
        WhatsAppSettings settings = new WhatsAppSettings("106540352242922", "102290129340398", "EAAG-token",
                "app-secret-1", "verify-me", "http://127.0.0.1:8089/v21.0");
        ChannelConnection c = new ChannelConnection(Fixtures.sid("CN"), Fixtures.sid("AC"), name,
                ChannelConnection.Type.WHATSAPP, null, null, settings, null, ChannelConnection.Source.API, T0, T0);
        assertThat(did(tx -> tx.channelConnections().insert(c))).isTrue();
        ChannelConnection read = find(name).orElseThrow();
        assertThat(read).isEqualTo(c);
        assertThat(read.whatsApp().accessToken()).isEqualTo("EAAG-token");
        assertThat(read.whatsApp().appSecret()).isEqualTo("app-secret-1");
        assertThat(read.whatsApp().verifyToken()).isEqualTo("verify-me");
        assertThat(read.smpp()).isNull();

        ChannelConnection changed = c.with(new WhatsAppSettings("106540352242922", "102290129340398", "EAAG-new",
                "app-secret-2", "verify-me", WhatsAppSettings.DEFAULT_GRAPH_BASE_URL), T0.plusSeconds(9));
        storage().writeVoid(tx -> tx.channelConnections().update(changed));
        assertThat(find(name)).contains(changed);
    }

    @Test
    default void anUpstreamTwilioAccountRoundTripsWithItsAuthToken() {
        String name = randomName();
        TwilioSettings settings = new TwilioSettings("AC" + "0123456789abcdef".repeat(2), "auth-token-1",
                "http://localhost:18080");
        ChannelConnection c = new ChannelConnection(Fixtures.sid("CN"), Fixtures.sid("AC"), name,
                ChannelConnection.Type.TWILIO, null, null, null, settings, ChannelConnection.Source.CONFIG, T0, T0);
        did(tx -> tx.channelConnections().insert(c));
        ChannelConnection read = find(name).orElseThrow();
        assertThat(read).isEqualTo(c);
        assertThat(read.twilio().authToken()).isEqualTo("auth-token-1");
        assertThat(read.channelName()).isEqualTo("twilio:" + name);
        assertThat(all()).contains(c);
    }
}
