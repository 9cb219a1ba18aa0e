package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Participant;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Twilio's host-based domains: {@code messaging.}, {@code conversations.}, {@code content.} and {@code mcs.} hosts
 * with a bare {@code /v1/…} path are served as Parley's prefixed paths; other hosts as before.
 */
interface HostDomainsContract {

    Parley parley();

    private RawHttp.Response onHost(String host, String method, String path, String form) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Host", host + ":" + parley().port());
        headers.put("Authorization", RawHttp.basic(Parley.ACCOUNT_SID, Parley.AUTH_TOKEN));
        if (form != null) {
            headers.put("Content-Type", "application/x-www-form-urlencoded");
        }
        return RawHttp.exchange(parley().port(), method, path, headers,
                form == null ? null : form.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    default void aConversationsHostServesTheConversationsApiAtV1AndLinksKeepThePublicUrl() {
        RawHttp.Response created = onHost("conversations.localhost", "POST", "/v1/Conversations",
                "FriendlyName=by+host");
        assertThat(created.status()).isEqualTo(201);
        String sid = created.json().get("sid").asText();
        assertThat(created.json().get("url").asText())
                .isEqualTo(parley().baseUrl() + "/conversations/v1/Conversations/" + sid);

        Parley.Answer prefixed = parley().get("/conversations/v1/Conversations/" + sid);
        assertThat(prefixed.status()).isEqualTo(200);
        assertThat(prefixed.json().get("friendly_name").asText()).isEqualTo("by host");
        RawHttp.Response fetched = onHost("CONVERSATIONS.parley.example.com", "GET", "/v1/Conversations/" + sid, null);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().get("sid").asText()).isEqualTo(sid);
    }

    @Test
    default void aMessagingHostServesMessagingServices() {
        RawHttp.Response created = onHost("messaging.parley.example.com", "POST", "/v1/Services",
                "FriendlyName=host+service");
        assertThat(created.status()).isEqualTo(201);
        String sid = created.json().get("sid").asText();
        assertThat(sid).startsWith("MG");
        assertThat(parley().get("/messaging/v1/Services/" + sid).json().get("friendly_name").asText())
                .isEqualTo("host service");
    }

    @Test
    default void contentAndMcsHostsAreRoutedUnderTheirPrefix() {
        RawHttp.Response content = onHost("content.localhost", "GET", "/v1/Content/HX" + "0".repeat(32), null);
        assertThat(content.status()).isEqualTo(404);
        assertThat(content.json().get("code").asInt()).isEqualTo(20404);
        assertThat(content.json().get("message").asText()).contains("/content/v1/Content/");

        String media = "/v1/Services/IS" + "0".repeat(32) + "/Media/ME" + "0".repeat(32);
        RawHttp.Response mcs = onHost("mcs.us1.localhost", "GET", media, null);
        assertThat(mcs.status()).isEqualTo(404);
        assertThat(mcs.json().get("code").asInt()).isEqualTo(20404);
    }

    @Test
    default void authenticationSeesTheRewrittenPath() {
        RawHttp.Response anonymous = RawHttp.exchange(parley().port(), "GET", "/v1/Conversations",
                Map.of("Host", "conversations.localhost:" + parley().port()), null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asInt()).isEqualTo(20003);
    }

    @Test
    default void apiAndOtherHostsAndUnversionedPathsAreServedAsTheyCome() {
        RawHttp.Response api = onHost("api.localhost", "GET", "/v1/Conversations", null);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.json().get("code").asInt()).isEqualTo(20404);
        assertThat(api.json().get("status").asInt()).isEqualTo(404);

        RawHttp.Response accounts = onHost("api.localhost", "GET", "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID
                + ".json", null);
        assertThat(accounts.status()).isEqualTo(200);
        RawHttp.Response prefixed = onHost("conversations.localhost", "GET", "/conversations/v1/Conversations", null);
        assertThat(prefixed.status()).isEqualTo(200);
        RawHttp.Response health = onHost("conversations.localhost", "GET", "/healthz", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    default void twiliosSdkWorksWithOnlyTheDomainChanged() {
        TwilioRestClient client = new TwilioRestClient.Builder(Parley.ACCOUNT_SID, Parley.AUTH_TOKEN)
                .httpClient(new DomainOnlyHttpClient(parley().port()))
                .build();

        Conversation created = Conversation.creator().setFriendlyName("sdk by domain").create(client);
        Participant alice = Participant.creator(created.getSid()).setIdentity("alice").create(client);
        Conversation fetched = Conversation.fetcher(created.getSid()).fetch(client);
        com.twilio.rest.messaging.v1.Service service = com.twilio.rest.messaging.v1.Service
                .creator("sdk by domain").create(client);
        IncomingPhoneNumber number = IncomingPhoneNumber.creator("415").create(client);

        assertThat(fetched.getFriendlyName()).isEqualTo("sdk by domain");
        assertThat(Participant.reader(created.getSid()).read(client))
                .extracting(Participant::getSid).containsExactly(alice.getSid());
        JsonNode byPrefix = parley().get("/messaging/v1/Services/" + service.getSid()).json();
        assertThat(byPrefix.get("friendly_name").asText()).isEqualTo("sdk by domain");
        assertThat(number.getPhoneNumber().toString()).startsWith("+1415");
    }
}
