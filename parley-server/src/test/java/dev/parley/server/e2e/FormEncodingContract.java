package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.rest.api.v2010.account.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The request and response bodies on the wire: form decoding, UTF-8 JSON, compression. */
interface FormEncodingContract {

    Parley parley();

    String MESSAGES = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages.json";

    private HttpResponse<byte[]> exchange(HttpRequest.Builder request) {
        request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (Parley.ACCOUNT_SID + ":" + Parley.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> postMessage(String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(parley().baseUrl() + MESSAGES))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(request);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String from() {
        return Fixtures.number(parley().client(), null, null).getPhoneNumber().toString();
    }

    @Test
    default void aMalformedPercentEscapeIsRefusedWith20001AndSendsNothing() {
        String from = from();
        String to = Fixtures.handset();
        for (String body : new String[] {"To=" + enc(to) + "&From=" + enc(from) + "&Body=50%ZZ+off",
            "From=" + enc(from) + "&Body=hi&To=" + enc(to) + "%4"}) {
            HttpResponse<byte[]> refused = postMessage("application/x-www-form-urlencoded",
                    body.getBytes(StandardCharsets.UTF_8));

            assertThat(refused.statusCode()).isEqualTo(400);
            JsonNode error = json(refused.body());
            assertThat(error.get("code").asInt()).isEqualTo(20001);
            assertThat(error.get("status").asInt()).isEqualTo(400);
            assertThat(error.get("message").asText()).contains("Malformed percent-encoding");
        }
        assertThat(Message.reader().setTo(phone(to)).read(parley().client())).isEmpty();
    }

    @Test
    default void textThroughTheSdkComesBackIntactAndEmojiAreUtf8OnTheWire() {
        String text = "héllo 😀 & = + %41 日本 \"q\" \\ \n end";
        Message created = Message.creator(phone(Fixtures.handset()), phone(from()), text).create(parley().client());
        assertThat(created.getBody()).isEqualTo(text);
        assertThat(Message.fetcher(created.getSid()).fetch(parley().client()).getBody()).isEqualTo(text);

        HttpResponse<byte[]> raw = exchange(HttpRequest.newBuilder(URI.create(parley().baseUrl()
                + "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages/" + created.getSid() + ".json")));
        String body = new String(raw.body(), StandardCharsets.UTF_8);
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(body).contains("héllo 😀").doesNotContain("\\uD83D");
    }

    @Test
    default void formsWithoutContentTypeOrInAnotherCharsetAreReadAsBefore() {
        String from = from();
        String to = Fixtures.handset();
        HttpResponse<byte[]> untyped = postMessage(null,
                ("To=" + enc(to) + "&From=" + enc(from) + "&Body=untyped").getBytes(StandardCharsets.UTF_8));
        assertThat(untyped.statusCode()).isEqualTo(201);
        assertThat(json(untyped.body()).get("body").asText()).isEqualTo("untyped");

        String latin1Form = "To=" + enc(to) + "&From=" + enc(from) + "&Body=caf%E9+cr\u00e8me";
        HttpResponse<byte[]> latin1 = postMessage("application/x-www-form-urlencoded; charset=ISO-8859-1",
                latin1Form.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(latin1.statusCode()).isEqualTo(201);
        assertThat(json(latin1.body()).get("body").asText()).isEqualTo("café crème");
    }

    @Test
    default void largeAnswersAreGzippedForClientsThatAskAndSmallOnesAreNot() throws IOException {
        String from = from();
        String to = Fixtures.handset();
        String sid = null;
        for (int i = 0; i < 3; i++) {
            sid = Message.creator(phone(to), phone(from), "gzip " + i).create(parley().client()).getSid();
        }
        String list = parley().baseUrl() + MESSAGES + "?To=" + enc(to);

        HttpResponse<byte[]> gzipped = exchange(HttpRequest.newBuilder(URI.create(list))
                .header("Accept-Encoding", "gzip, x-gzip, deflate"));
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes();
        assertThat(json(unzipped).get("messages")).hasSize(3);

        HttpResponse<byte[]> plain = exchange(HttpRequest.newBuilder(URI.create(list)));
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(json(plain.body()).get("messages")).hasSize(3);

        HttpResponse<byte[]> small = exchange(HttpRequest.newBuilder(URI.create(parley().baseUrl()
                + "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages/" + sid + ".json"))
                .header("Accept-Encoding", "gzip"));
        assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(json(small.body()).get("sid").asText()).isEqualTo(sid);
    }
}
