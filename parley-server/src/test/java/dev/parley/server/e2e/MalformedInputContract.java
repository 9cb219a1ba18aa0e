package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.account.Key;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.NewKey;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets Twilio's error JSON and a 4xx, never a 500, and changes nothing; an unknown path answers 20404.
 * The cases RouteFuzzTest found (or the issue reported), by name.
 */
interface MalformedInputContract {

    Parley parley();

    String API = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID;

    private RawHttp.Response send(String method, String target, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", RawHttp.basic(Parley.ACCOUNT_SID, Parley.AUTH_TOKEN));
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return RawHttp.exchange(parley().port(), method, target, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertTwilioError(RawHttp.Response response, int status, int code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        JsonNode error = response.json();
        assertThat(error).as(response.text()).isNotNull();
        assertThat(error.get("code").asInt()).isEqualTo(code);
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("more_info").asText()).isEqualTo("https://www.twilio.com/docs/errors/" + code);
    }

    @Test
    default void aKeyCreatedWithoutFriendlyNameHasANullName() {
        NewKey created = NewKey.creator().create(parley().client());

        assertThat(created.getSid()).startsWith("SK");
        assertThat(created.getSecret()).isNotBlank();
        assertThat(created.getFriendlyName()).isNull();
        Key fetched = Key.fetcher(created.getSid()).fetch(parley().client());
        assertThat(fetched.getFriendlyName()).isNull();
        assertThat(parley().get(API + "/Keys/" + created.getSid() + ".json").json().get("friendly_name").isNull())
                .isTrue();
    }

    @Test
    default void aKeyNameLongerThan64CharactersIsRefused() {
        RawHttp.Response refused = send("POST", API + "/Keys.json", "application/x-www-form-urlencoded",
                "FriendlyName=" + "k".repeat(65));
        assertTwilioError(refused, 400, 20001);
    }

    @Test
    default void aMultipartContentTypeWithoutAMultipartBodyIsRefusedAndSendsNothing() {
        String from = Fixtures.number(parley().client(), null, null).getPhoneNumber().toString();
        String to = Fixtures.handset();
        String form = "To=" + to.replace("+", "%2B") + "&From=" + from.replace("+", "%2B") + "&Body=hi";
        for (String type : List.of("multipart/form-data", "multipart/form-data; boundary=b0undary")) {
            assertTwilioError(send("POST", API + "/Messages.json", type, form), 400, 20001);
        }
        assertThat(Message.reader().setTo(phone(to)).read(parley().client())).isEmpty();
    }

    @Test
    default void aCharsetWithoutAValueOrUnknownIsRefused() {
        for (String type : List.of("application/x-www-form-urlencoded; charset",
                "application/x-www-form-urlencoded; charset=no-such-charset", "text/plain; charset=\"\"")) {
            RawHttp.Response refused = send("POST", API + "/Keys.json", type, "FriendlyName=charset");
            assertTwilioError(refused, 400, 20001);
            assertThat(refused.json().get("message").asText()).contains("charset");
            assertTwilioError(send("GET", API + "/Messages.json?PageSize=5", type, null), 400, 20001);
        }
    }

    @Test
    default void aMalformedEscapeInThePathIsTwiliosError() {
        assertTwilioError(send("GET", API + "/Messages/%ZZ.json", null, null), 400, 20001);
        assertTwilioError(send("GET", "/conversations/v1/Conversations/%", null, null), 400, 20001);
    }

    @Test
    default void everyUnknownPathAnswers20404WhateverTheMethodAndPrefix() {
        List<String> paths = List.of("/2010-04-01/Nothing.json", API + "/Nothing.json", API + "/Messages/x/y/z.json",
                "/messaging/v1/Nothing", "/conversations/v1/Nothing", "/conversations/v1/Services/x/y/z",
                "/mcs/v1/Nothing", "/parley/v1/Nothing", "/content/v1/Nothing", "/nothing", "/v1/Conversations",
                "/", "/2010-04-01");
        for (String path : paths) {
            for (String method : List.of("GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS")) {
                RawHttp.Response response = send(method, path, method.equals("POST")
                        ? "application/x-www-form-urlencoded" : null, method.equals("POST") ? "a=b" : null);
                assertThat(response.json()).as(method + " " + path + ": " + response.text()).isNotNull();
                assertTwilioError(response, 404, 20404);
            }
        }
    }

    @Test
    default void aKnownPathWithAnotherMethodAnswers20404() {
        assertTwilioError(send("PUT", API + "/Messages.json", null, null), 404, 20404);
        assertTwilioError(send("DELETE", API + "/Keys.json", null, null), 404, 20404);
    }

    @Test
    default void headAnswersWhatGetWouldWithoutABody() {
        RawHttp.Response missing = send("HEAD", API + "/Messages/SM" + "0".repeat(32) + ".json", null, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEmpty();
        String foreign = "/2010-04-01/Accounts/AC" + "0".repeat(32) + "/Messages.json";
        assertThat(send("HEAD", foreign, null, null).status()).isEqualTo(send("GET", foreign, null, null).status())
                .isNotEqualTo(200);

        RawHttp.Response account = send("HEAD", API + ".json", null, null);
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.headers().get("content-type")).startsWith("application/json");
        assertThat(account.body()).isEmpty();
    }
}
