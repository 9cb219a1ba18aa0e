package dev.parley.server.e2e;

import static dev.parley.server.e2e.ConversationsContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.conversations.v1.configuration.Webhook;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import dev.parley.testing.OpenApiSpec;
import dev.parley.testing.WebhookReceiver;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Media in Conversations: uploads to the Media Content Service surface ({@code /mcs/v1}), media messages through
 * Twilio's SDK, their relay to SMS and WhatsApp handsets as MMS, and a handset's MMS into its conversation.
 */
interface ConversationMediaContract {

    Parley parley();

    WebhookReceiver receiver();

    /** Uploads {@code body} as Twilio's MCS clients do: the raw bytes, their type, the file name in the query. */
    private Parley.Answer upload(String serviceSid, String contentType, byte[] body, String filename, String user,
            String password) {
        String query = filename == null ? "" : "?filename=" + URLEncoder.encode(filename, StandardCharsets.UTF_8);
        return parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + "/mcs/v1/Services/" + serviceSid
                + "/Media" + query)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), user, password);
    }

    private Parley.Answer upload(String serviceSid, String contentType, byte[] body, String filename) {
        return upload(serviceSid, contentType, body, filename, Parley.ACCOUNT_SID, Parley.AUTH_TOKEN);
    }

    private List<JsonNode> inbox(String handset) {
        JsonNode messages = parley().get("/parley/v1/Simulator/Handsets/" + handset.replace("+", "%2B")
                + "/Messages").json().get("messages");
        List<JsonNode> out = new ArrayList<>();
        messages.forEach(out::add);
        return out;
    }

    /** The handset's message from {@code from} that carries media, once it has one. */
    private JsonNode awaitMms(String handset, String from) {
        await().atMost(Duration.ofSeconds(15)).until(() -> mms(handset, from).isPresent());
        return mms(handset, from).orElseThrow();
    }

    private Optional<JsonNode> mms(String handset, String from) {
        return inbox(handset).stream().filter(m -> m.get("from").asText().equals(from)
                && m.get("num_media").asText().equals("1") && m.get("media").size() == 1).findFirst();
    }

    private List<Message> history(String conversationSid) {
        List<Message> all = new ArrayList<>();
        Message.reader(conversationSid).read(parley().client()).forEach(all::add);
        return all;
    }

    private String defaultServiceSid() {
        return Conversation.creator().create(parley().client()).getChatServiceSid();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> only(List<Object> media) {
        assertThat(media).hasSize(1);
        return (Map<String, Object>) media.getFirst();
    }

    @Test
    default void uploadedMediaIsServedAttachedAndRelayedAsMmsToSmsAndWhatsAppParticipants() {
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), null, null);
        String proxyNumber = proxy.getPhoneNumber().toString();
        assertThat(parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/"
                + proxy.getSid() + ".json", Map.of("WhatsAppChannel", "simulator")).status()).isEqualTo(200);
        String sms = Fixtures.handset();
        String whatsApp = "whatsapp:" + Fixtures.handset();
        // The user wrote first, which opens WhatsApp's 24-hour window for free-form messages.
        assertThat(parley().post("/parley/v1/Simulator/Messages", Map.of("From", whatsApp,
                "To", "whatsapp:" + proxyNumber, "Body", "hi")).status()).isEqualTo(201);
        Conversation c = Conversation.creator().setFriendlyName("photos").create(parley().client());
        Participant.creator(c.getSid()).setMessagingBindingAddress(sms).setMessagingBindingProxyAddress(proxyNumber)
                .create(parley().client());
        Participant.creator(c.getSid()).setMessagingBindingAddress(whatsApp)
                .setMessagingBindingProxyAddress("whatsapp:" + proxyNumber).create(parley().client());
        Participant.creator(c.getSid()).setIdentity("agent").create(parley().client());
        byte[] png = MediaServer.image("png", 40, 30);

        Parley.Answer uploaded = upload(c.getChatServiceSid(), "image/png", png, "cat.png");
        assertThat(uploaded.status()).isEqualTo(201);
        JsonNode media = uploaded.json();
        String sid = media.get("sid").asText();
        assertThat(sid).matches("ME[0-9a-f]{32}");
        assertThat(media.get("account_sid").asText()).isEqualTo(Parley.ACCOUNT_SID);
        assertThat(media.get("service_sid").asText()).isEqualTo(c.getChatServiceSid());
        assertThat(media.get("content_type").asText()).isEqualTo("image/png");
        assertThat(media.get("filename").asText()).isEqualTo("cat.png");
        assertThat(media.get("size").asLong()).isEqualTo(png.length);
        assertThat(media.get("category").asText()).isEqualTo("media");
        assertThat(media.get("author").asText()).isEqualTo("system");
        assertThat(media.get("channel_sid").isNull()).isTrue();
        assertThat(media.get("message_sid").isNull()).isTrue();
        assertThat(media.get("date_created").asText()).endsWith("Z");
        String url = parley().baseUrl() + "/mcs/v1/Services/" + c.getChatServiceSid() + "/Media/" + sid;
        assertThat(media.get("url").asText()).isEqualTo(url);
        assertThat(media.get("links").get("content").asText()).isEqualTo(url + "/Content");

        assertThat(parley().get(url.substring(parley().baseUrl().length())).json().get("size").asLong())
                .isEqualTo(png.length);
        Parley.Bytes content = parley().getBytes(url + "/Content", true);
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.contentType()).isEqualTo("image/png");
        assertThat(content.body()).isEqualTo(png);
        assertThat(parley().getBytes(url + "/Content", false).status()).isEqualTo(401);
        // The temporary direct link needs no credentials.
        Parley.Bytes direct = parley().getBytes(media.get("links").get("content_direct_temporary").asText(), false);
        assertThat(direct.status()).isEqualTo(200);
        assertThat(direct.body()).isEqualTo(png);

        Message posted = Message.creator(c.getSid()).setAuthor("agent").setMediaSid(sid).create(parley().client());
        Map<String, Object> described = only(posted.getMedia());
        assertThat(described).containsEntry("sid", sid).containsEntry("content_type", "image/png")
                .containsEntry("filename", "cat.png").containsEntry("category", "media");
        assertThat(((Number) described.get("size")).longValue()).isEqualTo(png.length);
        Parley.Answer fetched = parley().get("/conversations/v1/Conversations/" + c.getSid() + "/Messages/"
                + posted.getSid());
        OpenApiSpec.conversationsV1().assertConforms("conversations.v1.conversation.conversation_message",
                fetched.json());
        JsonNode attached = parley().get(url.substring(parley().baseUrl().length())).json();
        assertThat(attached.get("channel_sid").asText()).isEqualTo(c.getSid());
        assertThat(attached.get("message_sid").asText()).isEqualTo(posted.getSid());

        for (String handset : List.of(sms, whatsApp)) {
            JsonNode received = awaitMms(handset, handset.startsWith("whatsapp:") ? "whatsapp:" + proxyNumber
                    : proxyNumber);
            assertThat(received.get("sid").asText()).startsWith("MM");
            JsonNode item = received.get("media").get(0);
            assertThat(item.get("content_type").asText()).isEqualTo("image/png");
            assertThat(parley().getBytes(item.get("url").asText(), true).body()).isEqualTo(png);
            // A real Message of the Messaging layer, with its own ME media and an MMS price once delivered.
            String messageSid = received.get("sid").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> com.twilio.rest.api.v2010.account.Message.fetcher(
                    messageSid).fetch(parley().client()).getStatus()
                    == com.twilio.rest.api.v2010.account.Message.Status.DELIVERED);
            var message = com.twilio.rest.api.v2010.account.Message.fetcher(messageSid).fetch(parley().client());
            assertThat(message.getNumMedia()).isEqualTo("1");
            assertThat(message.getPrice()).isNotNull();
            List<String> types = new ArrayList<>();
            com.twilio.rest.api.v2010.account.message.Media.reader(messageSid).read(parley().client())
                    .forEach(m -> types.add(m.getContentType()));
            assertThat(types).containsExactly("image/png");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode delivery = parley().get("/conversations/v1/Conversations/" + c.getSid() + "/Messages/"
                    + posted.getSid()).json().get("delivery");
            return delivery != null && !delivery.isNull() && delivery.get("total").asInt() == 2
                    && delivery.get("failed").asText().equals("none");
        });
    }

    @Test
    default void aHandsetsMmsBecomesAConversationMessageWithItsMediaAndReachesTheOthers() {
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), null, null);
        String proxyNumber = proxy.getPhoneNumber().toString();
        String sender = Fixtures.handset();
        String other = Fixtures.handset();
        Conversation c = Conversation.creator().setFriendlyName("inbound photos").create(parley().client());
        Participant.creator(c.getSid()).setMessagingBindingAddress(sender)
                .setMessagingBindingProxyAddress(proxyNumber).create(parley().client());
        Participant.creator(c.getSid()).setMessagingBindingAddress(other)
                .setMessagingBindingProxyAddress(proxyNumber).create(parley().client());
        byte[] jpeg = MediaServer.image("jpeg", 64, 48);
        try (MediaServer files = new MediaServer("127.0.0.1")) {
            Parley.Answer sent = parley().post("/parley/v1/Simulator/Messages", Map.of("From", sender,
                    "To", proxyNumber, "Body", "look", "MediaUrl", files.serve("/photo.jpg", "image/jpeg", jpeg)));
            assertThat(sent.status()).isEqualTo(201);
            String receivedSid = sent.json().get("sid").asText();

            await().atMost(Duration.ofSeconds(15)).until(() -> history(c.getSid()).size() == 1);
            Message m = history(c.getSid()).getFirst();
            assertThat(m.getAuthor()).isEqualTo(sender);
            assertThat(m.getBody()).isEqualTo("look");
            Map<String, Object> described = only(m.getMedia());
            assertThat(described).containsEntry("content_type", "image/jpeg").containsEntry("category", "media");
            assertThat(((Number) described.get("size")).longValue()).isEqualTo(jpeg.length);
            String mediaSid = (String) described.get("sid");
            String path = "/mcs/v1/Services/" + c.getChatServiceSid() + "/Media/" + mediaSid;
            JsonNode media = parley().get(path).json();
            assertThat(media.get("message_sid").asText()).isEqualTo(m.getSid());
            assertThat(media.get("author").asText()).isEqualTo(sender);
            assertThat(parley().getBytes(path + "/Content", true).body()).isEqualTo(jpeg);

            // The received message keeps its own ME media, pointing at Parley, like any inbound MMS.
            var received = com.twilio.rest.api.v2010.account.Message.fetcher(receivedSid).fetch(parley().client());
            assertThat(received.getNumMedia()).isEqualTo("1");

            JsonNode relayed = awaitMms(other, proxyNumber);
            assertThat(relayed.get("body").asText()).isEqualTo("look");
            assertThat(parley().getBytes(relayed.get("media").get(0).get("url").asText(), true).body())
                    .isEqualTo(jpeg);
            assertThat(inbox(sender)).noneMatch(x -> x.get("body").asText().equals("look"));
            // Fetched once from the handset's host: the relay took Parley's own copy.
            assertThat(files.hits("/photo.jpg")).isEqualTo(1);
        }
    }

    @Test
    default void anotherAccountCannotReadOrAttachTheMedia() {
        String service = defaultServiceSid();
        byte[] png = MediaServer.image("png", 8, 8);
        JsonNode media = upload(service, "image/png", png, null).json();
        String path = "/mcs/v1/Services/" + service + "/Media/" + media.get("sid").asText();
        var sub = com.twilio.rest.api.v2010.Account.creator().setFriendlyName("media-wall").create(parley().client());
        var client = parley().client(sub.getSid(), sub.getAuthToken());

        HttpRequest.Builder fetch = HttpRequest.newBuilder(URI.create(parley().baseUrl() + path)).GET();
        assertThat(parley().send(fetch, sub.getSid(), sub.getAuthToken()).status()).isEqualTo(404);
        HttpRequest.Builder content = HttpRequest.newBuilder(URI.create(parley().baseUrl() + path + "/Content")).GET();
        assertThat(parley().send(content, sub.getSid(), sub.getAuthToken()).status()).isEqualTo(404);
        assertThat(upload(service, "image/png", png, null, sub.getSid(), sub.getAuthToken()).status())
                .isEqualTo(404);
        Conversation theirs = Conversation.creator().create(client);
        String inTheirService = "/mcs/v1/Services/" + theirs.getChatServiceSid() + "/Media/"
                + media.get("sid").asText();
        HttpRequest.Builder disguised = HttpRequest.newBuilder(URI.create(parley().baseUrl() + inTheirService)).GET();
        assertThat(parley().send(disguised, sub.getSid(), sub.getAuthToken()).status()).isEqualTo(404);
        assertCode(() -> Message.creator(theirs.getSid()).setMediaSid(media.get("sid").asText()).create(client),
                50507, 400);
        assertThat(Message.reader(theirs.getSid()).read(client).iterator().hasNext()).isFalse();

        // Naming the media's URL as a MediaUrl does not take it either: the send fails as for a missing file.
        String subNumber = Fixtures.number(client, null, null).getPhoneNumber().toString();
        var mms = com.twilio.rest.api.v2010.account.Message.creator(Fixtures.phone(Fixtures.handset()),
                Fixtures.phone(subNumber), "yours?").setMediaUrl(List.of(URI.create(parley().baseUrl() + path
                + "/Content"))).create(client);
        await().atMost(Duration.ofSeconds(15)).until(() -> com.twilio.rest.api.v2010.account.Message.fetcher(
                mms.getSid()).fetch(client).getStatus() == com.twilio.rest.api.v2010.account.Message.Status.FAILED);
        assertThat(com.twilio.rest.api.v2010.account.Message.fetcher(mms.getSid()).fetch(client).getErrorCode())
                .isEqualTo(11200);

        // The direct link works only as signed, and only for its lifetime.
        String direct = media.get("links").get("content_direct_temporary").asText();
        assertThat(parley().getBytes(direct.replaceAll("Signature=[0-9a-f]", "Signature=x"), false).status())
                .isEqualTo(403);
        assertThat(parley().getBytes(direct.replace(Parley.ACCOUNT_SID, sub.getSid()), false).status())
                .isEqualTo(403);
        parley().advance(Duration.ofMinutes(6));
        assertThat(parley().getBytes(direct, false).status()).isEqualTo(403);
        assertThat(parley().getBytes(path + "/Content", true).body()).isEqualTo(png);
    }

    @Test
    default void badMediaSidsAreRefusedWithTwiliosCodesAndNothingIsWritten() {
        Conversation c = Conversation.creator().setFriendlyName("refusals").create(parley().client());
        assertCode(() -> Message.creator(c.getSid()).setMediaSid("ME123").create(parley().client()), 50510, 400);
        assertCode(() -> Message.creator(c.getSid()).setMediaSid("ME" + "0".repeat(32)).create(parley().client()),
                50507, 400);
        var otherService = com.twilio.rest.conversations.v1.Service.creator("elsewhere").create(parley().client());
        String elsewhere = upload(otherService.getSid(), "image/png", MediaServer.image("png", 8, 8), null).json()
                .get("sid").asText();
        assertCode(() -> Message.creator(c.getSid()).setMediaSid(elsewhere).create(parley().client()), 50507, 400);
        assertThat(history(c.getSid())).isEmpty();

        String once = upload(c.getChatServiceSid(), "image/png", MediaServer.image("png", 8, 8), null).json()
                .get("sid").asText();
        Message first = Message.creator(c.getSid()).setMediaSid(once).setBody("first").create(parley().client());
        assertCode(() -> Message.creator(c.getSid()).setMediaSid(once).setBody("again").create(parley().client()),
                50508, 400);
        assertThat(history(c.getSid())).extracting(Message::getSid).containsExactly(first.getSid());
        // The refused message took no index: the next one is 1.
        assertThat(Message.creator(c.getSid()).setBody("next").create(parley().client()).getIndex()).isEqualTo(1);
    }

    @Test
    default void uploadsOutsideTheMmsRulesAreRefusedAndNotStored() throws java.io.IOException {
        String service = defaultServiceSid();
        Parley.Answer html = upload(service, "text/html", "<p>hi</p>".getBytes(StandardCharsets.UTF_8), null);
        assertThat(html.status()).isEqualTo(400);
        assertThat(html.json().get("code").asInt()).isEqualTo(12300);
        Parley.Answer mislabelled = upload(service, "image/png", MediaServer.image("jpeg", 8, 8), null);
        assertThat(mislabelled.status()).isEqualTo(400);
        assertThat(mislabelled.json().get("code").asInt()).isEqualTo(12300);
        byte[] huge = java.util.Arrays.copyOf(MediaServer.image("png", 4, 4), 5 * 1024 * 1024 + 1);
        Parley.Answer tooLarge = upload(service, "image/png", huge, null);
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.json().get("code").asInt()).isEqualTo(30019);
        assertThat(upload("IS" + "0".repeat(32), "image/png", MediaServer.image("png", 8, 8), null).status())
                .isEqualTo(404);
        // Nothing of the refused uploads is left in the service's media folder.
        java.nio.file.Path folder = parley().dataDir().resolve("media").resolve(Parley.ACCOUNT_SID).resolve(service);
        Parley.Answer kept = upload(service, "image/gif", MediaServer.image("gif", 8, 8), "ok.gif");
        assertThat(kept.status()).isEqualTo(201);
        assertThat(folder.resolve(kept.json().get("sid").asText())).exists();
        try (var files = java.nio.file.Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .allMatch(name -> parley().get("/mcs/v1/Services/" + service + "/Media/" + name).status() == 200);
        }
    }

    @Test
    default void aHandsetsMmsWaitsForThePreEventHookAndTheHooksDescribeItsMedia() throws Exception {
        String hook = "/media-pre-hook";
        Account sub = Account.creator().setFriendlyName("media hooks").create(parley().client());
        TwilioRestClient client = parley().client(sub.getSid(), sub.getAuthToken());
        Webhook.updater().setPreWebhookUrl(receiver().url(hook)).setPostWebhookUrl(receiver().url(hook + "/post"))
                .setFilters(List.of("onMessageAdd", "onMessageAdded")).update(client);
        receiver().respondWith(hook, r -> new WebhookReceiver.Response(200, "application/json",
                "{\"body\":\"[checked] " + r.formParam("Body") + "\"}"));
        String proxy = Fixtures.number(client, null, null).getPhoneNumber().toString();
        String handset = Fixtures.handset();
        Conversation c = Conversation.creator().create(client);
        Participant.creator(c.getSid()).setMessagingBindingAddress(handset).setMessagingBindingProxyAddress(proxy)
                .create(client);
        byte[] jpeg = MediaServer.image("jpeg", 16, 16);
        try (MediaServer files = new MediaServer("127.0.0.1")) {
            assertThat(parley().post("/parley/v1/Simulator/Messages", Map.of("From", handset, "To", proxy,
                    "Body", "look", "MediaUrl", files.serve("/hooked.jpg", "image/jpeg", jpeg),
                    "AccountSid", sub.getSid())).status()).isEqualTo(201);

            Map<String, String> asked = receiver().awaitRequests(hook, 1, Duration.ofSeconds(15)).getFirst()
                    .singleFormParams();
            assertThat(asked).containsEntry("EventType", "onMessageAdd").containsEntry("Source", "SMS")
                    .containsEntry("Body", "look");
            JsonNode media = new ObjectMapper().readTree(asked.get("Media"));
            assertThat(media).hasSize(1);
            assertThat(media.get(0).get("ContentType").asText()).isEqualTo("image/jpeg");
            assertThat(media.get(0).get("Size").asLong()).isEqualTo(jpeg.length);
            String mediaSid = media.get(0).get("Sid").asText();

            await().atMost(Duration.ofSeconds(15)).until(() -> Message.reader(c.getSid()).read(client).iterator()
                    .hasNext());
            Message m = Message.reader(c.getSid()).read(client).iterator().next();
            assertThat(m.getBody()).isEqualTo("[checked] look");
            assertThat(only(m.getMedia())).containsEntry("sid", mediaSid);
            Map<String, String> added = receiver().awaitRequests(hook + "/post", 1, Duration.ofSeconds(15))
                    .getFirst().singleFormParams();
            assertThat(added).containsEntry("EventType", "onMessageAdded").containsEntry("MessageSid", m.getSid());
            assertThat(new ObjectMapper().readTree(added.get("Media")).get(0).get("Sid").asText())
                    .isEqualTo(mediaSid);
        }
    }

    @Test
    default void aBrowsersMultipartUploadKeepsItsPartsTypeAndName() {
        String service = defaultServiceSid();
        byte[] png = java.util.Arrays.copyOf(MediaServer.image("png", 8, 8), 3 * 1024 * 1024);
        String boundary = "parley-boundary-7MA4YWxkTrZu0gW";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"big.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(png);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        Parley.Answer uploaded = parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl()
                + "/mcs/v1/Services/" + service + "/Media")).header("Content-Type", "multipart/form-data; boundary="
                + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
                Parley.ACCOUNT_SID, Parley.AUTH_TOKEN);
        assertThat(uploaded.status()).isEqualTo(201);
        assertThat(uploaded.json().get("content_type").asText()).isEqualTo("image/png");
        assertThat(uploaded.json().get("filename").asText()).isEqualTo("big.png");
        assertThat(uploaded.json().get("size").asLong()).isEqualTo(png.length);
        assertThat(parley().getBytes(uploaded.json().get("links").get("content").asText(), true).body())
                .isEqualTo(png);
    }
}
