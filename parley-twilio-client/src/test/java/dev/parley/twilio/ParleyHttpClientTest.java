package dev.parley.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.twilio.Twilio;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.type.PhoneNumber;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParleyHttpClientTest {

    private static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    private static final String AUTH_TOKEN = "secret-token";
    private static final String MESSAGE_SID = "SM00000000000000000000000000000002";
    private static final String CONVERSATION_SID = "CH00000000000000000000000000000003";

    private record Seen(String method, String path, String query, String authorization, String contentType,
            String body) {

        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return form;
        }
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String baseUrl;

    @BeforeEach
    void startFakeParley() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::answer);
        server.start();
        baseUrl = "http://localhost:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopFakeParley() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        String path = exchange.getRequestURI().getPath();
        String json = path.startsWith("/conversations/") ? conversationJson() : messageJson();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? 201 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void messageCreateReachesParleysAccountMessagesPathWithFormParamsAndBasicAuth() {
        TwilioRestClient client = Parley.restClient(baseUrl, ACCOUNT_SID, AUTH_TOKEN);

        Message message = Message.creator(new PhoneNumber("+15551230002"), new PhoneNumber("+15551230001"), "hi")
                .setStatusCallback("http://localhost/status")
                .create(client);

        assertThat(seen).hasSize(1);
        Seen request = seen.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json");
        assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(request.form()).containsEntry("To", "+15551230002")
                .containsEntry("From", "+15551230001")
                .containsEntry("Body", "hi")
                .containsEntry("StatusCallback", "http://localhost/status");
        assertThat(request.authorization()).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(message.getSid()).isEqualTo(MESSAGE_SID);
        assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThat(message.getDateCreated()).isNotNull();
    }

    @Test
    void conversationsCallReachesParleysConversationsPrefix() {
        TwilioRestClient client = Parley.restClient(baseUrl, ACCOUNT_SID, AUTH_TOKEN);

        Conversation conversation = Conversation.creator().setFriendlyName("support").create(client);

        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/conversations/v1/Conversations");
            assertThat(request.form()).containsEntry("FriendlyName", "support");
        });
        assertThat(conversation.getSid()).isEqualTo(CONVERSATION_SID);
    }

    @Test
    void readQueryParametersArePassedThrough() {
        TwilioRestClient client = Parley.restClient(baseUrl, ACCOUNT_SID, AUTH_TOKEN);

        Message.fetcher(MESSAGE_SID).fetch(client);
        Conversation.reader().limit(7).firstPage(client);

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).method()).isEqualTo("GET");
        assertThat(seen.get(0).path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + MESSAGE_SID + ".json");
        assertThat(seen.get(1).path()).isEqualTo("/conversations/v1/Conversations");
        assertThat(seen.get(1).query()).contains("PageSize=7");
    }

    @Test
    void regionAndEdgeDoNotLeakIntoParleysHost() {
        TwilioRestClient client = new TwilioRestClient.Builder(ACCOUNT_SID, AUTH_TOKEN)
                .region("ie1")
                .edge("dublin")
                .httpClient(new ParleyHttpClient("http://127.0.0.1:" + server.getAddress().getPort()))
                .build();

        Message.fetcher(MESSAGE_SID).fetch(client);

        assertThat(seen).singleElement().extracting(Seen::path)
                .isEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + MESSAGE_SID + ".json");
    }

    @Test
    void globalInitSendsArgumentlessCallsToParley() {
        try {
            Parley.init(baseUrl, ACCOUNT_SID, AUTH_TOKEN);

            Message.creator(new PhoneNumber("+15551230002"), new PhoneNumber("+15551230001"), "hi").create();

            assertThat(seen).singleElement().extracting(Seen::path)
                    .isEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json");
        } finally {
            Twilio.destroy();
        }
    }

    @Test
    void apiKeyClientUsesKeyForAuthAndAccountSidInPath() {
        String keySid = "SK00000000000000000000000000000009";
        TwilioRestClient client = Parley.restClient(baseUrl, keySid, "key-secret", ACCOUNT_SID);

        Message.fetcher(MESSAGE_SID).fetch(client);

        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.path()).startsWith("/2010-04-01/Accounts/" + ACCOUNT_SID + "/");
            assertThat(request.authorization()).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString((keySid + ":key-secret").getBytes(StandardCharsets.UTF_8)));
        });
    }

    @Test
    void mapsEveryTwilioHostShapeOntoTheBaseUrl() {
        ParleyHttpClient client = new ParleyHttpClient("https://gw.example.com/parley/");

        assertThat(client.baseUrl()).isEqualTo("https://gw.example.com/parley");
        assertThat(client.toParleyUrl("https://api.twilio.com/2010-04-01/Accounts.json"))
                .isEqualTo("https://gw.example.com/parley/2010-04-01/Accounts.json");
        assertThat(client.toParleyUrl("https://api.us1.twilio.com/2010-04-01/Accounts.json"))
                .isEqualTo("https://gw.example.com/parley/2010-04-01/Accounts.json");
        assertThat(client.toParleyUrl("https://conversations.twilio.com/v1/Conversations?PageSize=5"))
                .isEqualTo("https://gw.example.com/parley/conversations/v1/Conversations?PageSize=5");
        assertThat(client.toParleyUrl("https://messaging.dublin.ie1.twilio.com/v1/Services"))
                .isEqualTo("https://gw.example.com/parley/messaging/v1/Services");
        assertThat(client.toParleyUrl("https://gw.example.com/parley/conversations/v1/Conversations?Page=1"))
                .isEqualTo("https://gw.example.com/parley/conversations/v1/Conversations?Page=1");
        assertThat(client.toParleyUrl("https://api.twilio.com.evil.example/x"))
                .isEqualTo("https://api.twilio.com.evil.example/x");
    }

    @Test
    void rejectsABaseUrlThatIsNotAnAbsoluteHttpUrl() {
        assertThatThrownBy(() -> new ParleyHttpClient("localhost:8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("localhost:8080");
        assertThatThrownBy(() -> new ParleyHttpClient("http://localhost:8080/?x=1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String messageJson() {
        return """
                {"account_sid":"%s","api_version":"2010-04-01","body":"hi","date_created":"Thu, 03 Jul 2025 20:12:31 +0000",
                 "date_sent":null,"date_updated":"Thu, 03 Jul 2025 20:12:31 +0000","direction":"outbound-api",
                 "error_code":null,"error_message":null,"from":"+15551230001","messaging_service_sid":null,
                 "num_media":"0","num_segments":"1","price":null,"price_unit":"USD","sid":"%s","status":"queued",
                 "subresource_uris":{"media":"/2010-04-01/Accounts/%s/Messages/%s/Media.json"},
                 "to":"+15551230002","uri":"/2010-04-01/Accounts/%s/Messages/%s.json"}
                """.formatted(ACCOUNT_SID, MESSAGE_SID, ACCOUNT_SID, MESSAGE_SID, ACCOUNT_SID, MESSAGE_SID);
    }

    private static String conversationJson() {
        return """
                {"conversations":[],"meta":{"page":0,"page_size":7,"first_page_url":null,"previous_page_url":null,
                 "url":null,"next_page_url":null,"key":"conversations"},
                 "account_sid":"%s","chat_service_sid":null,"messaging_service_sid":null,"sid":"%s",
                 "friendly_name":"support","unique_name":null,"attributes":"{}","state":"active",
                 "date_created":"2025-07-03T20:12:31Z","date_updated":"2025-07-03T20:12:31Z","timers":{},
                 "url":"https://conversations.twilio.com/v1/Conversations/%s","links":{},"bindings":null}
                """.formatted(ACCOUNT_SID, CONVERSATION_SID, CONVERSATION_SID);
    }
}
