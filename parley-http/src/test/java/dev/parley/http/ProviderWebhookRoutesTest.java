package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.connection.ChannelConnectionService;
import dev.parley.core.message.Message;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.message.channel.ProviderWebhooks;
import dev.parley.core.message.channel.SendResult;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /webhooks/{type}/{name}[/…]} on a real port: a request reaches the registered channel of that name as the
 * provider sent it (method, public URL with the raw query, sub-path, lower-case headers, body bytes) and its answer
 * goes back as given; no channel, or one that takes no webhooks, is Twilio's 404; no Parley credentials are asked.
 */
class ProviderWebhookRoutesTest {
    private static final String PUBLIC_URL = "https://parley.example.com";
    private static final Channels REGISTRY = new Channels(List.of());
    private static final Recording WHATSAPP = new Recording("whatsapp:acme");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Javalin app;
    private static HttpClient http;

    /** A channel that takes webhooks: records each request, answers 200 with a body naming its sub-path. */
    private record Recording(String name, List<ProviderWebhooks.ProviderRequest> received)
            implements Channel, ProviderWebhooks {
        Recording(String name) {
            this(name, new CopyOnWriteArrayList<>());
        }

        @Override
        public SendResult send(Message message) {
            throw new UnsupportedOperationException("webhooks only");
        }

        @Override
        public ProviderResponse handle(ProviderRequest request) {
            received.add(request);
            if (request.subPath().equals("/forged")) {
                return ProviderResponse.empty(403);
            }
            return new ProviderResponse(200, "text/xml", "<Response>" + request.subPath() + "</Response>");
        }
    }

    /** A channel that takes no webhooks (an SMPP connection). */
    private record Plain(String name) implements Channel {
        @Override
        public SendResult send(Message message) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeAll
    static void start() {
        REGISTRY.register(WHATSAPP);
        REGISTRY.register(new Plain("smpp:carrier"));
        ChannelConnectionService channels = new ChannelConnectionService(null, REGISTRY, null, null,
                Clock.systemUTC());
        HttpApi.Services services = new HttpApi.Services(null, null, null, null, null,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> true, null, null, null,
                new HttpApi.Conversations(null, null, null, null, null, new HttpApi.Users(null, null, null), null,
                        new HttpApi.AutoCreation(null, null, null, null, null), null), null,
                new HttpApi.Senders(null, null), channels, null, null, false);
        app = HttpApi.create("127.0.0.1", 0, PUBLIC_URL, services);
        app.start();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        app.stop();
        http.close();
    }

    @BeforeEach
    void forget() {
        WHATSAPP.received().clear();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder to(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + pathAndQuery));
    }

    @Test
    void aPostReachesTheChannelAsTheProviderSentItAndItsAnswerGoesBack() throws Exception {
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = send(to("/webhooks/whatsapp/acme?x=a%20b&x=c")
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=00ff")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/xml");
        assertThat(answer.body()).isEqualTo("<Response></Response>");
        ProviderWebhooks.ProviderRequest got = WHATSAPP.received().getFirst();
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.url()).isEqualTo(PUBLIC_URL + "/webhooks/whatsapp/acme?x=a%20b&x=c");
        assertThat(got.subPath()).isEmpty();
        assertThat(got.query().get("x")).containsExactly("a b", "c");
        assertThat(got.headers()).containsEntry("x-hub-signature-256", "sha256=00ff")
                .containsEntry("content-type", "application/json");
        assertThat(got.body()).isEqualTo(body);
    }

    @Test
    void aGetAndASubPathReachTheChannelAndItsRefusalIsPassedOn() throws Exception {
        HttpResponse<String> verify = send(to("/webhooks/whatsapp/acme?hub.mode=subscribe&hub.challenge=42").GET());
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(WHATSAPP.received().getFirst().method()).isEqualTo("GET");
        assertThat(WHATSAPP.received().getFirst().queryParam("hub.challenge")).isEqualTo("42");
        assertThat(WHATSAPP.received().getFirst().body()).isEmpty();

        HttpResponse<String> status = send(to("/webhooks/whatsapp/acme/status/more")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("MessageSid=SM1&MessageStatus=delivered")));
        assertThat(status.body()).isEqualTo("<Response>/status/more</Response>");
        assertThat(WHATSAPP.received().get(1).subPath()).isEqualTo("/status/more");
        assertThat(WHATSAPP.received().get(1).url()).isEqualTo(PUBLIC_URL + "/webhooks/whatsapp/acme/status/more");
        assertThat(new String(WHATSAPP.received().get(1).body(), StandardCharsets.UTF_8))
                .isEqualTo("MessageSid=SM1&MessageStatus=delivered");

        HttpResponse<String> forged = send(to("/webhooks/whatsapp/acme/forged").POST(
                HttpRequest.BodyPublishers.ofString("x")));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).isEmpty();
    }

    @Test
    void noSuchChannelOrOneThatTakesNoWebhooksIsTwiliosNotFound() throws Exception {
        for (String path : List.of("/webhooks/whatsapp/nobody", "/webhooks/twilio/acme/status",
                "/webhooks/smpp/carrier", "/webhooks/simulator/x")) {
            HttpResponse<String> answer = send(to(path).POST(HttpRequest.BodyPublishers.ofString("{}")));

            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            JsonNode error = JSON.readTree(answer.body());
            assertThat(error.path("code").asInt()).isEqualTo(20404);
            assertThat(error.path("status").asInt()).isEqualTo(404);
        }
        assertThat(WHATSAPP.received()).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeTheChannelSeesIt() throws Exception {
        byte[] big = new byte[ProviderWebhookRoutes.MAX_BODY + 1];
        // The server answers on the declared length, without reading the body: with 100-continue the client waits for
        // that answer instead of racing it with a megabyte the server will not read (seen as a reset connection).
        HttpResponse<String> answer = send(to("/webhooks/whatsapp/acme").header("Content-Type", "application/json")
                .expectContinue(true).POST(HttpRequest.BodyPublishers.ofByteArray(big)));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(answer.body()).path("status").asInt()).isEqualTo(413);
        assertThat(WHATSAPP.received()).isEmpty();
    }
}
