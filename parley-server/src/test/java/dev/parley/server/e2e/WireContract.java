package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.OpenApiSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact JSON on the wire, checked against Twilio's published OpenAPI description. */
interface WireContract {

    Parley parley();

    String ACCOUNTS = "/2010-04-01/Accounts/";

    private String number() {
        Parley.Answer created = parley().post(ACCOUNTS + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "646"));
        assertThat(created.status()).isEqualTo(201);
        OpenApiSpec.api2010().assertConforms("api.v2010.account.incoming_phone_number", created.json());
        return created.json().get("phone_number").asText();
    }

    @Test
    default void messageJsonHasEveryFieldOfTheSpecWithItsType() {
        String from = number();
        Parley.Answer created = parley().post(ACCOUNTS + Parley.ACCOUNT_SID + "/Messages.json",
                Map.of("To", Fixtures.handset(), "From", from, "Body", "shape check"));
        assertThat(created.status()).isEqualTo(201);
        OpenApiSpec.api2010().assertConforms("api.v2010.account.message", created.json());
        assertThat(created.json().get("status").asText()).isEqualTo("queued");
        assertThat(created.json().get("price").isNull()).isTrue();
        assertThat(created.json().get("error_code").isNull()).isTrue();
        String sid = created.json().get("sid").asText();
        assertThat(created.json().get("uri").asText())
                .isEqualTo(ACCOUNTS + Parley.ACCOUNT_SID + "/Messages/" + sid + ".json");

        await().atMost(Duration.ofSeconds(10)).until(() ->
                parley().get(ACCOUNTS + Parley.ACCOUNT_SID + "/Messages/" + sid + ".json").json()
                        .get("status").asText().equals("delivered"));
        JsonNode delivered = parley().get(ACCOUNTS + Parley.ACCOUNT_SID + "/Messages/" + sid + ".json").json();
        OpenApiSpec.api2010().assertConforms("api.v2010.account.message", delivered);
        assertThat(delivered.get("price").asText()).isEqualTo("-0.00790");
        assertThat(delivered.get("date_sent").asText()).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
    }

    @Test
    default void listPageHasTwiliosPagingShape() {
        String from = number();
        String to = Fixtures.handset();
        for (int i = 0; i < 3; i++) {
            parley().post(ACCOUNTS + Parley.ACCOUNT_SID + "/Messages.json", Map.of("To", to, "From", from, "Body", "m" + i));
        }
        JsonNode page = parley().get(ACCOUNTS + Parley.ACCOUNT_SID + "/Messages.json?To=" + to.replace("+", "%2B")
                + "&PageSize=2").json();
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("page_size").asInt()).isEqualTo(2);
        assertThat(page.get("start").asInt()).isZero();
        assertThat(page.get("end").asInt()).isEqualTo(1);
        assertThat(page.get("messages")).hasSize(2);
        assertThat(page.get("uri").asText()).startsWith(ACCOUNTS + Parley.ACCOUNT_SID + "/Messages.json?");
        assertThat(page.get("first_page_uri").asText()).contains("Page=0");
        assertThat(page.get("next_page_uri").asText()).contains("PageToken=").contains("Page=1").contains("To=%2B");
        assertThat(page.has("previous_page_uri")).isTrue();
        page.get("messages").forEach(m -> OpenApiSpec.api2010().assertConforms("api.v2010.account.message", m));
        JsonNode second = parley().get(page.get("next_page_uri").asText()).json();
        assertThat(second.get("messages")).hasSize(1);
        assertThat(second.get("next_page_uri").isNull()).isTrue();
        List<String> statuses = new ArrayList<>();
        second.get("messages").forEach(m -> statuses.add(m.get("status").asText()));
        assertThat(OpenApiSpec.api2010().enumValues("message_enum_status")).containsAll(statuses);
    }

    @Test
    default void accountAndKeyJsonMatchTheSpec() {
        Parley.Answer account = parley().get(ACCOUNTS + Parley.ACCOUNT_SID + ".json");
        assertThat(account.status()).isEqualTo(200);
        OpenApiSpec.api2010().assertConforms("api.v2010.account", account.json());
        Parley.Answer sub = parley().post("/2010-04-01/Accounts.json", Map.of("FriendlyName", "wire"));
        assertThat(sub.status()).isEqualTo(201);
        OpenApiSpec.api2010().assertConforms("api.v2010.account", sub.json());
        Parley.Answer key = parley().post(ACCOUNTS + Parley.ACCOUNT_SID + "/Keys.json", Map.of("FriendlyName", "k"));
        assertThat(key.status()).isEqualTo(201);
        OpenApiSpec.api2010().assertConforms("api.v2010.account.new_key", key.json());
        JsonNode keys = parley().get(ACCOUNTS + Parley.ACCOUNT_SID + "/Keys.json").json();
        keys.get("keys").forEach(k -> OpenApiSpec.api2010().assertConforms("api.v2010.account.key", k));
        JsonNode accounts = parley().get("/2010-04-01/Accounts.json").json();
        accounts.get("accounts").forEach(a -> OpenApiSpec.api2010().assertConforms("api.v2010.account", a));
    }

    @Test
    default void errorsHaveTwiliosShape() {
        Parley.Answer missing = parley().get(ACCOUNTS + Parley.ACCOUNT_SID + "/Messages/SM" + "0".repeat(32) + ".json");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(fieldNames(missing.json())).containsExactly("code", "message", "more_info", "status");
        assertThat(missing.json().get("code").asInt()).isEqualTo(20404);
        assertThat(missing.json().get("status").asInt()).isEqualTo(404);
        assertThat(missing.json().get("more_info").asText()).isEqualTo("https://www.twilio.com/docs/errors/20404");

        Parley.Answer unauthenticated = parley().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(parley().baseUrl() + ACCOUNTS + Parley.ACCOUNT_SID + "/Messages.json")).GET(),
                null, null);
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.json().get("code").asInt()).isEqualTo(20003);
    }

    @Test
    default void healthAndPrometheusMetricsAreServedWithoutCredentials() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(parley().baseUrl() + "/healthz"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        parley().get(ACCOUNTS + Parley.ACCOUNT_SID + ".json");
        var metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(parley().baseUrl() + "/metrics"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("parley_jobs_pending")
                .containsPattern("parley_http_requests_seconds_count\\{method=\"GET\",route=\"/2010-04-01/Accounts/\\{Sid\\}.json\",status=\"200\"\\} [1-9]");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
