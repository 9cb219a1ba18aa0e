package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.core.connection.ChannelConnection;
import dev.parley.core.connection.ChannelConnectionService;
import dev.parley.core.connection.ChannelFactory;
import dev.parley.core.connection.ChannelSupervisor;
import dev.parley.core.connection.FailoverChannel;
import dev.parley.core.connection.InvalidChannelParameter;
import dev.parley.core.connection.RouteChannel;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.RandomIdGenerator;
import dev.parley.core.message.Message;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.message.channel.SendResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two nodes sharing one database, each with its own registry and supervisor (fake SMPP channels): the node making a
 * change applies it at once, the other at its next reconcile; a replaced or deleted channel is closed after its
 * successor is registered; declared channels are stored as the main account's.
 */
interface ChannelSupervisorContract extends UsesDatabase {
    String OWNER = "AC" + "a".repeat(32);

    /** Opens fake channels and remembers each, in order. */
    final class Opened implements ChannelFactory {
        final List<Fake> all = new ArrayList<>();

        @Override
        public synchronized Channel open(ChannelConnection c) {
            Fake f = new Fake(c);
            all.add(f);
            return f;
        }

        synchronized Fake last() {
            return all.getLast();
        }
    }

    final class Fake implements Channel {
        final ChannelConnection connection;
        volatile boolean closed;

        Fake(ChannelConnection connection) {
            this.connection = connection;
        }

        @Override
        public String name() {
            return connection.channelName();
        }

        @Override
        public SendResult send(Message message) {
            return new SendResult.Accepted("x");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    record Node(Channels registry, Opened factory, ChannelSupervisor supervisor, ChannelConnectionService service) {
    }

    private Node node() {
        Channels registry = new Channels(List.of());
        Opened factory = new Opened();
        ChannelSupervisor supervisor = new ChannelSupervisor(storage(), registry, factory,
                ChannelSupervisor.Lifecycle.NONE);
        return new Node(registry, factory, supervisor, new ChannelConnectionService(storage(), registry, supervisor,
                new RandomIdGenerator(), Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC)));
    }

    private static Map<String, String> smpp(String name, String... more) {
        Map<String, String> p = new LinkedHashMap<>(Map.of("Name", name, "Type", "smpp", "Host", "127.0.0.1",
                "SystemId", "parley", "Password", "pw"));
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return p;
    }

    /** A replaced or deleted channel closes in the background, after its successor is registered. */
    private static void awaitClosed(Fake f) {
        await().atMost(Duration.ofSeconds(5)).until(() -> f.closed);
    }

    @Test
    default void aChangeOnOneNodeIsAppliedThereAtOnceAndOnTheOtherAtItsReconcile() {
        Node a = node();
        Node b = node();
        a.service().create(OWNER, smpp("uk", "Window", "10"));
        assertThat(a.registry().find("smpp:uk")).containsSame(a.factory().last());
        assertThat(b.registry().find("smpp:uk")).isEmpty();
        b.supervisor().reconcile();
        Fake bFirst = b.factory().last();
        assertThat(b.registry().find("smpp:uk")).containsSame(bFirst);
        assertThat(bFirst.connection.smpp().window()).isEqualTo(10);

        // Nothing changed: a reconcile opens nothing, nor does an update that changes no setting.
        b.supervisor().reconcile();
        assertThat(b.factory().all).hasSize(1);
        a.service().update(OWNER, "uk", Map.of("Window", "10"));
        b.supervisor().reconcile();
        assertThat(a.factory().all).hasSize(1);
        assertThat(b.factory().all).hasSize(1);

        Fake aFirst = a.factory().last();
        a.service().update(OWNER, "uk", Map.of("Window", "40"));
        assertThat(((Fake) a.registry().find("smpp:uk").orElseThrow()).connection.smpp().window()).isEqualTo(40);
        awaitClosed(aFirst);
        b.supervisor().reconcile();
        assertThat(((Fake) b.registry().find("smpp:uk").orElseThrow()).connection.smpp().window()).isEqualTo(40);
        awaitClosed(bFirst);

        a.service().delete(OWNER, "uk");
        assertThat(a.registry().find("smpp:uk")).isEmpty();
        b.supervisor().reconcile();
        assertThat(b.registry().find("smpp:uk")).isEmpty();
        awaitClosed(b.factory().last());
        b.supervisor().close();
        a.supervisor().close();
    }

    @Test
    default void failoverAndRouteChannelsAreBuiltAroundTheFactorysAndCloseEverythingAtShutdown() {
        Node a = node();
        a.service().create(OWNER, smpp("backup"));
        a.service().create(OWNER, smpp("main", "Failover", "smpp:backup"));
        a.service().create(OWNER, Map.of("Name", "world", "Type", "route", "Routes", "+44=smpp:main,*=smpp:backup"));
        assertThat(a.registry().find("smpp:main")).get().isInstanceOf(FailoverChannel.class);
        assertThat(a.registry().find("route:world")).get().isInstanceOf(RouteChannel.class);

        // A fresh node opens everything stored at start.
        Node b = node();
        b.supervisor().reconcile();
        assertThat(b.registry().all()).extracting(Channel::name)
                .containsExactlyInAnyOrder("smpp:backup", "smpp:main", "route:world");
        b.supervisor().close();
        assertThat(b.registry().all()).isEmpty();
        assertThat(b.factory().all).allSatisfy(f -> assertThat(f.closed).isTrue());
        a.supervisor().close();
    }

    @Test
    default void declaredChannelsAreStoredReadOnlyUpdatedWhenChangedAndDeletedWhenNoLongerDeclared() {
        Node a = node();
        Instant now = Instant.parse("2026-12-06T10:00:00Z");
        ChannelConnection declared = ChannelConnectionService.parse("CN" + "0".repeat(32), OWNER, smpp("file"),
                ChannelConnection.Source.CONFIG, now);
        a.service().declare(List.of(declared));
        ChannelConnection stored = a.service().fetch(OWNER, "file");
        assertThat(stored.source()).isEqualTo(ChannelConnection.Source.CONFIG);
        assertThat(stored.sid()).matches("CN[0-9a-f]{32}").isNotEqualTo(declared.sid());
        assertThatThrownBy(() -> a.service().update(OWNER, "file", Map.of("Window", "5")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.httpStatus()).isEqualTo(403));
        assertThatThrownBy(() -> a.service().delete(OWNER, "file")).isInstanceOf(ApiException.class);

        ChannelConnection wider = ChannelConnectionService.parse("CN" + "0".repeat(32), OWNER,
                smpp("file", "Window", "70"), ChannelConnection.Source.CONFIG, now);
        a.service().declare(List.of(wider));
        assertThat(a.service().fetch(OWNER, "file").smpp().window()).isEqualTo(70);
        assertThat(a.service().fetch(OWNER, "file").sid()).isEqualTo(stored.sid());

        a.service().create(OWNER, smpp("api-made"));
        ChannelConnection clash = ChannelConnectionService.parse("CN" + "0".repeat(32), OWNER, smpp("api-made"),
                ChannelConnection.Source.CONFIG, now);
        assertThatThrownBy(() -> a.service().declare(List.of(clash)))
                .isInstanceOfSatisfying(InvalidChannelParameter.class, e -> {
                    assertThat(e.channel()).isEqualTo("api-made");
                    assertThat(e.parameter()).isEqualTo("Name");
                });

        a.service().declare(List.of());
        assertThatThrownBy(() -> a.service().fetch(OWNER, "file")).isInstanceOf(ApiException.class);
        assertThat(a.service().fetch(OWNER, "api-made").source()).isEqualTo(ChannelConnection.Source.API);
        a.supervisor().close();
    }

    @Test
    default void declaredWhatsAppAndTwilioChannelsAreStoredOpenedAndUpdatedWithTheirSecrets() {
        Node a = node();
        Instant now = Instant.parse("2026-12-06T10:00:00Z");
        Map<String, String> wa = new LinkedHashMap<>(Map.of("Name", "wa-file", "Type", "whatsapp",
                "PhoneNumberId", "1065", "BusinessAccountId", "1022", "AccessToken", "token-1", "AppSecret", "app-1",
                "VerifyToken", "verify-1"));
        Map<String, String> up = new LinkedHashMap<>(Map.of("Name", "up-file", "Type", "twilio",
                "AccountSid", "AC" + "b".repeat(32), "AuthToken", "auth-1"));
        a.service().declare(List.of(
                ChannelConnectionService.parse("CN" + "0".repeat(32), OWNER, wa, ChannelConnection.Source.CONFIG, now),
                ChannelConnectionService.parse("CN" + "0".repeat(32), OWNER, up, ChannelConnection.Source.CONFIG,
                        now)));
        a.supervisor().reconcile();
        assertThat(a.service().fetch(OWNER, "wa-file").whatsApp().accessToken()).isEqualTo("token-1");
        assertThat(a.service().fetch(OWNER, "up-file").twilio().authToken()).isEqualTo("auth-1");
        assertThat(a.registry().exists("whatsapp:wa-file")).isTrue();
        assertThat(a.registry().exists("twilio:up-file")).isTrue();

        wa.put("AccessToken", "token-2");
        a.service().declare(List.of(
                ChannelConnectionService.parse("CN" + "0".repeat(32), OWNER, wa, ChannelConnection.Source.CONFIG, now),
                ChannelConnectionService.parse("CN" + "0".repeat(32), OWNER, up, ChannelConnection.Source.CONFIG,
                        now)));
        assertThat(a.service().fetch(OWNER, "wa-file").whatsApp().accessToken()).isEqualTo("token-2");

        // A WhatsApp number carries no SMS: no route table or failover may send to it.
        assertThatThrownBy(() -> a.service().create(OWNER, Map.of("Name", "to-wa", "Type", "route",
                "Routes", "*=whatsapp:wa-file"))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.getMessage()).contains("Routes").contains("WhatsApp"));
        a.service().declare(List.of());
        a.supervisor().reconcile();
        assertThat(storage().read(tx -> tx.channelConnections().find("wa-file")).isPresent()).isFalse();
        assertThat(a.registry().exists("whatsapp:wa-file")).isFalse();
        a.supervisor().close();
    }
}
