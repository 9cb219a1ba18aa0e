package dev.parley.channels.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.parley.channels.whatsapp.CloudApiStack.APP_SECRET;
import static dev.parley.channels.whatsapp.CloudApiStack.CHANNEL;
import static dev.parley.channels.whatsapp.CloudApiStack.PHONE_NUMBER_ID;
import static dev.parley.channels.whatsapp.CloudApiStack.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.content.Content;
import dev.parley.core.content.TemplateSubmitter;
import dev.parley.core.content.WhatsAppApproval;
import dev.parley.core.media.Media;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageContent;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.HttpChannelHealth;
import dev.parley.core.message.channel.ProviderWebhooks.ProviderRequest;
import dev.parley.core.message.channel.ProviderWebhooks.ProviderResponse;
import dev.parley.core.message.channel.SendResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhatsAppCloudChannelTest {
    private static final String MESSAGES = "/v21.0/" + PHONE_NUMBER_ID + "/messages";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H',
            'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1};
    private CloudApiStack stack;

    @BeforeEach
    void start() throws IOException {
        stack = new CloudApiStack();
    }

    @AfterEach
    void stop() throws IOException {
        stack.close();
    }

    private static String proof() {
        return Hmac.hex(APP_SECRET, TOKEN.getBytes(StandardCharsets.UTF_8));
    }

    private void answerSend(String wamid) {
        stack.graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(okJson(
                "{\"messaging_product\":\"whatsapp\","
                        + "\"contacts\":[{\"input\":\"14155550199\",\"wa_id\":\"14155550199\"}],"
                        + "\"messages\":[{\"id\":\"" + wamid + "\"}]}")));
    }

    private void answerSendError(int status, int code) {
        stack.graph.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"(#" + code + ") refused\",\"type\":\"OAuthException\",\"code\":"
                        + code + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"why\"},"
                        + "\"fbtrace_id\":\"AbC\"}}")));
    }

    private ProviderResponse webhook(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return stack.channel.handle(new ProviderRequest("POST", "https://parley.test/webhooks/whatsapp/meta", "",
                Map.of(), Map.of("x-hub-signature-256", Hmac.hubSignature(APP_SECRET, body),
                        "content-type", "application/json"), body));
    }

    private static String change(String value) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + CloudApiStack.WABA
                + "\",\"changes\":[{\"value\":" + value + ",\"field\":\"messages\"}]}]}";
    }

    private static String metadata() {
        return "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"14155550100\","
                + "\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"}";
    }

    private static String textMessage(String wamid, String body) {
        return change("{" + metadata() + ",\"contacts\":[{\"profile\":{\"name\":\"Kerry\"},\"wa_id\":\"14155550199\"}],"
                + "\"messages\":[{\"from\":\"14155550199\",\"id\":\"" + wamid + "\",\"timestamp\":\"1700000000\","
                + "\"type\":\"text\",\"text\":{\"body\":\"" + body + "\"}}]}");
    }

    private static String status(String wamid, String status, String errors) {
        return change("{" + metadata() + ",\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status
                + "\",\"timestamp\":\"1700000100\",\"recipient_id\":\"14155550199\"" + errors + "}]}");
    }

    @Test
    void sendShouldPostTheTextWithTheBearerTokenAndAppSecretProof() {
        answerSend("wamid.HBgLMTQxNTU1NTAxOTkVAgARGBI");
        Message m = stack.outgoing("Hello from Parley", null);

        SendResult result = stack.channel.send(m);

        assertThat(result).isEqualTo(new SendResult.Accepted("wamid.HBgLMTQxNTU1NTAxOTkVAgARGBI"));
        stack.graph.verify(postRequestedFor(urlPathEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("appsecret_proof", equalTo(proof()))
                .withRequestBody(equalToJson("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                        + "\"to\":\"14155550199\",\"type\":\"text\","
                        + "\"text\":{\"preview_url\":false,\"body\":\"Hello from Parley\"}}")));
        assertThat(stack.channel.state().orElseThrow().status()).isEqualTo(HttpChannelHealth.READY);
    }

    @Test
    void sendShouldMapCloudApiErrorsToTwilioCodes() {
        Message m = stack.outgoing("late", null);
        Map<Integer, Integer> expected = Map.of(131047, 63016, 131026, 63024, 132001, 63027, 132000, 63028,
                131051, 63021, 131049, 63049, 130472, 63032);
        expected.forEach((meta, twilio) -> {
            answerSendError(400, meta);
            SendResult result = stack.channel.send(m);
            assertThat(result).as("Cloud API error %d", meta).isInstanceOfSatisfying(SendResult.Rejected.class, r -> {
                assertThat(r.status()).isEqualTo(MessageStatus.FAILED);
                assertThat(r.errorCode()).isEqualTo(twilio);
                assertThat(r.reason()).contains(String.valueOf(meta)).doesNotContain(TOKEN, APP_SECRET);
            });
        });
        assertThat(stack.channel.state().orElseThrow().status()).isEqualTo(HttpChannelHealth.READY);
    }

    @Test
    void sendShouldRetryThrottlingServerErrorsAndRefusedTokens() {
        Message m = stack.outgoing("later", null);
        answerSendError(429, 130429);
        assertThat(stack.channel.send(m)).isInstanceOf(SendResult.RetryLater.class);
        assertThat(stack.channel.state().orElseThrow().status()).isEqualTo(HttpChannelHealth.FAILING);
        answerSendError(400, 131056);
        assertThat(stack.channel.send(m)).isInstanceOf(SendResult.RetryLater.class);
        answerSendError(500, 131000);
        assertThat(stack.channel.send(m)).isInstanceOf(SendResult.RetryLater.class);
        answerSendError(401, 190);
        SendResult expired = stack.channel.send(m);
        assertThat(expired).isInstanceOfSatisfying(SendResult.RetryLater.class,
                r -> assertThat(r.reason()).contains("190").doesNotContain(TOKEN));
        assertThat(stack.channel.state().orElseThrow().status()).isEqualTo(HttpChannelHealth.UNAUTHORIZED);
        assertThat(stack.channel.state().orElseThrow().lastError()).doesNotContain(TOKEN, APP_SECRET);
    }

    @Test
    void sendShouldRetryWhenTheGraphApiCannotBeReached() {
        Message m = stack.outgoing("nobody there", null);
        stack.graph.stop();
        assertThat(stack.channel.send(m)).isInstanceOf(SendResult.RetryLater.class);
        assertThat(stack.channel.state().orElseThrow().status()).isEqualTo(HttpChannelHealth.FAILING);
    }

    @Test
    void sendShouldUploadStoredMediaAndSendItByIdWithTheBodyAsCaption() throws IOException {
        stack.graph.stubFor(post(urlPathEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/media"))
                .willReturn(okJson("{\"id\":\"1037543291543636\"}")));
        answerSend("wamid.media");
        Message m = stack.outgoing("a picture", null);
        Media medium = new Media(stack.ids.sid("ME"), stack.accountSid, m.sid(), 0, "image/png", PNG.length,
                stack.clock.instant());
        try (OutputStream out = stack.files.create(stack.files.prepare(stack.accountSid, m.sid(), medium.sid()))) {
            out.write(PNG);
        }
        stack.database.writeVoid(tx -> tx.media().insert(medium));

        assertThat(stack.channel.send(m)).isEqualTo(new SendResult.Accepted("wamid.media"));

        stack.graph.verify(postRequestedFor(urlPathEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/media"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("appsecret_proof", equalTo(proof()))
                .withHeader("Content-Type", containing("multipart/form-data"))
                .withRequestBody(containing("name=\"messaging_product\"\r\n\r\nwhatsapp"))
                .withRequestBody(containing("Content-Type: image/png")));
        stack.graph.verify(postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(equalToJson(
                "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"14155550199\","
                        + "\"type\":\"image\",\"image\":{\"id\":\"1037543291543636\",\"caption\":\"a picture\"}}")));
    }

    @Test
    void aMediumDeletedBeforeTheSendShouldFailTheMessageWith63019() {
        Message m = stack.outgoing("gone", null);
        Media medium = new Media(stack.ids.sid("ME"), stack.accountSid, m.sid(), 0, "image/png", PNG.length,
                stack.clock.instant());
        stack.database.writeVoid(tx -> tx.media().insert(medium));

        assertThat(stack.channel.send(m)).isInstanceOfSatisfying(SendResult.Rejected.class,
                r -> assertThat(r.errorCode()).isEqualTo(63019));
        assertThat(stack.graph.getAllServeEvents()).isEmpty();
    }

    private Content content() {
        ObjectNode types = JsonNodeFactory.instance.objectNode();
        ObjectNode quickReply = types.putObject("twilio/quick-reply");
        quickReply.put("body", "Hi {{1}}, your order {{2}} is ready. Pick it up?");
        quickReply.putArray("actions").addObject().put("title", "Yes").put("id", "pickup-{{2}}");
        return new Content("HX" + "0".repeat(32), stack.accountSid, "order_ready", "en_US",
                Map.of("1", "there", "2", "000"), types, stack.clock.instant(), stack.clock.instant());
    }

    @Test
    void sendShouldSendAnApprovedContentAsItsTemplateWithTheMessagesVariables() {
        Content content = content();
        stack.contents.put(content.sid(), content);
        stack.approvals.put(content.sid(), new WhatsAppApproval(content.sid(), stack.accountSid, "order_ready",
                "UTILITY", "approved", "", CHANNEL, "594425479261596", stack.clock.instant(), stack.clock.instant()));
        answerSend("wamid.template");
        Message m = stack.outgoing("Hi Ana, your order 42 is ready. Pick it up?",
                new MessageContent(content.sid(), Map.of("1", "Ana", "2", "42")));

        assertThat(stack.channel.send(m)).isEqualTo(new SendResult.Accepted("wamid.template"));

        stack.graph.verify(postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(equalToJson(
                "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"14155550199\","
                        + "\"type\":\"template\",\"template\":{\"name\":\"order_ready\","
                        + "\"language\":{\"code\":\"en_US\"},"
                        + "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Ana\"},"
                        + "{\"type\":\"text\",\"text\":\"42\"}]},{\"type\":\"button\",\"sub_type\":\"quick_reply\","
                        + "\"index\":\"0\",\"parameters\":[{\"type\":\"payload\",\"payload\":\"pickup-42\"}]}]}}")));
    }

    @Test
    void aContentWithoutAnApprovedTemplateShouldBeSentAsItsRenderedText() {
        answerSend("wamid.free.1");
        Content content = content();
        stack.contents.put(content.sid(), content);
        stack.approvals.put(content.sid(), new WhatsAppApproval(content.sid(), stack.accountSid, "order_ready",
                "UTILITY", "pending", "", CHANNEL, "594425479261596", stack.clock.instant(), stack.clock.instant()));
        // Inside the 24-hour window (the dispatcher's check), a content not approved is a free-form message.
        Message m = stack.outgoing("Hi Ana, your order 42 is ready.", new MessageContent(content.sid(), Map.of()));

        assertThat(stack.channel.send(m)).isEqualTo(new SendResult.Accepted("wamid.free.1"));
        stack.graph.verify(postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(equalToJson(
                "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"14155550199\","
                        + "\"type\":\"text\",\"text\":{\"preview_url\":false,"
                        + "\"body\":\"Hi Ana, your order 42 is ready.\"}}")));
    }

    @Test
    void submitShouldPostTheTemplateToTheBusinessAccountAndStatusesShouldReachTheSink() {
        stack.graph.stubFor(post(urlPathEqualTo("/v21.0/" + CloudApiStack.WABA + "/message_templates"))
                .willReturn(okJson("{\"id\":\"594425479261596\",\"status\":\"PENDING\",\"category\":\"UTILITY\"}")));

        TemplateSubmitter.Submitted submitted = stack.channel.submit(content(), "order_ready", "utility");

        assertThat(submitted).isEqualTo(new TemplateSubmitter.Submitted("594425479261596", "pending"));
        stack.graph.verify(postRequestedFor(urlPathEqualTo("/v21.0/" + CloudApiStack.WABA + "/message_templates"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("appsecret_proof", equalTo(proof()))
                .withRequestBody(equalToJson("{\"name\":\"order_ready\",\"language\":\"en_US\","
                        + "\"category\":\"UTILITY\",\"components\":[{\"type\":\"BODY\","
                        + "\"text\":\"Hi {{1}}, your order {{2}} is ready. Pick it up?\","
                        + "\"example\":{\"body_text\":[[\"there\",\"000\"]]}},"
                        + "{\"type\":\"BUTTONS\",\"buttons\":[{\"text\":\"Yes\",\"type\":\"QUICK_REPLY\"}]}]}")));

        ProviderResponse answer = webhook("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\""
                + CloudApiStack.WABA + "\",\"time\":1700000200,\"changes\":[{\"value\":{\"event\":\"APPROVED\","
                + "\"message_template_id\":594425479261596,\"message_template_name\":\"order_ready\","
                + "\"message_template_language\":\"en_US\",\"reason\":\"NONE\"},"
                + "\"field\":\"message_template_status_update\"}]}]}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(stack.templateUpdates).containsExactly(
                List.of(CHANNEL, "594425479261596", "order_ready", "en_US", "approved", ""));
    }

    @Test
    void submitShouldThrowWhenMetaRefusesTheTemplate() {
        stack.graph.stubFor(post(urlPathEqualTo("/v21.0/" + CloudApiStack.WABA + "/message_templates"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"message\":\"Invalid parameter\",\"code\":100,\"error_subcode\":2388024,"
                                + "\"error_user_msg\":\"Content in this language already exists\"}}")));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stack.channel.submit(content(), "order_ready",
                "UTILITY")).isInstanceOf(TemplateSubmitter.TemplateRefused.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void submitShouldSayTheProviderIsUnavailableWhenMetaFailsRatherThanRefuse() {
        stack.graph.stubFor(post(urlPathEqualTo("/v21.0/" + CloudApiStack.WABA + "/message_templates"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"message\":\"Service temporarily unavailable\",\"code\":2}}")));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stack.channel.submit(content(), "order_ready",
                "UTILITY")).isInstanceOf(TemplateSubmitter.ProviderUnavailable.class)
                .hasMessageContaining("HTTP 503");
        assertThat(stack.channel.state().orElseThrow().status()).isEqualTo(HttpChannelHealth.FAILING);
    }

    @Test
    void verificationShouldEchoTheChallengeOnlyForTheVerifyToken() {
        ProviderResponse ok = stack.channel.handle(new ProviderRequest("GET",
                "https://parley.test/webhooks/whatsapp/meta", "", Map.of("hub.mode", List.of("subscribe"),
                        "hub.verify_token", List.of("verify-me"), "hub.challenge", List.of("1158201444")), Map.of(),
                null));
        ProviderResponse wrong = stack.channel.handle(new ProviderRequest("GET",
                "https://parley.test/webhooks/whatsapp/meta", "", Map.of("hub.mode", List.of("subscribe"),
                        "hub.verify_token", List.of("guess"), "hub.challenge", List.of("1158201444")), Map.of(),
                null));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("1158201444");
    }

    @Test
    void unsignedOrForgedWebhooksShouldBeRefusedAndChangeNothing() {
        byte[] body = textMessage("wamid.forged", "hello").getBytes(StandardCharsets.UTF_8);
        ProviderResponse unsigned = stack.channel.handle(new ProviderRequest("POST", "https://parley.test/x", "",
                Map.of(), Map.of(), body));
        ProviderResponse forged = stack.channel.handle(new ProviderRequest("POST", "https://parley.test/x", "",
                Map.of(), Map.of("x-hub-signature-256", Hmac.hubSignature("another-secret", body)), body));
        ProviderResponse garbled = stack.channel.handle(new ProviderRequest("POST", "https://parley.test/x", "",
                Map.of(), Map.of("x-hub-signature-256", "sha256=zz"), body));

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(garbled.status()).isEqualTo(403);
        assertThat(stack.messages()).isEmpty();
        assertThat(stack.channel.state().orElseThrow().lastError()).contains("X-Hub-Signature-256");
    }

    @Test
    void aReceivedTextShouldBeStoredOnceWithItsWamid() {
        String payload = textMessage("wamid.in.1", "Hi there");

        assertThat(webhook(payload).status()).isEqualTo(200);
        assertThat(webhook(payload).status()).isEqualTo(200);

        assertThat(stack.received()).singleElement().satisfies(m -> {
            assertThat(m.from()).isEqualTo("whatsapp:+14155550199");
            assertThat(m.to()).isEqualTo("whatsapp:+14155550100");
            assertThat(m.body()).isEqualTo("Hi there");
            assertThat(m.status()).isEqualTo(MessageStatus.RECEIVED);
            assertThat(m.channel()).isEqualTo(CHANNEL);
            assertThat(m.providerId()).isEqualTo("wamid.in.1");
        });
    }

    @Test
    void aMessageForANumberNotBoundToTheChannelShouldNotBeStored() {
        String payload = change("{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":"
                + "\"14155550177\",\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"},\"messages\":[{\"from\":"
                + "\"14155550199\",\"id\":\"wamid.other\",\"timestamp\":\"1700000000\",\"type\":\"text\","
                + "\"text\":{\"body\":\"to whom?\"}}]}");

        assertThat(webhook(payload).status()).isEqualTo(200);
        assertThat(stack.messages()).isEmpty();
    }

    @Test
    void aReceivedImageShouldBeDownloadedWithTheTokenAndStoredWithItsCaption() {
        String mediaId = "1296744924419327";
        stack.graph.stubFor(get(urlPathEqualTo("/v21.0/" + mediaId)).willReturn(okJson("{\"messaging_product\":"
                + "\"whatsapp\",\"url\":\"" + stack.graph.baseUrl() + "/lookaside/" + mediaId + "\",\"mime_type\":"
                + "\"image/png\",\"sha256\":\"x\",\"file_size\":" + PNG.length + ",\"id\":\"" + mediaId + "\"}")));
        stack.graph.stubFor(get(urlPathEqualTo("/lookaside/" + mediaId)).withHeader("Authorization",
                equalTo("Bearer " + TOKEN)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(PNG)));

        ProviderResponse answer = webhook(change("{" + metadata() + ",\"messages\":[{\"from\":\"14155550199\","
                + "\"id\":\"wamid.img\",\"timestamp\":\"1700000000\",\"type\":\"image\",\"image\":{\"caption\":"
                + "\"look\",\"mime_type\":\"image/png\",\"sha256\":\"x\",\"id\":\"" + mediaId + "\"}}]}"));

        assertThat(answer.status()).isEqualTo(200);
        Message received = stack.received().getFirst();
        assertThat(received.body()).isEqualTo("look");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Media> stored = stack.database.read(tx -> tx.media().all(stack.accountSid, received.sid()));
            assertThat(stored).singleElement().satisfies(medium -> {
                assertThat(medium.contentType()).isEqualTo("image/png");
                assertThat(medium.size()).isEqualTo(PNG.length);
            });
        });
        stack.graph.verify(getRequestedFor(urlPathEqualTo("/v21.0/" + mediaId))
                .withQueryParam("phone_number_id", equalTo(PHONE_NUMBER_ID))
                .withQueryParam("appsecret_proof", equalTo(proof())));
        assertThat(stack.find(received.sid()).mediaUrls()).singleElement().asString()
                .startsWith("http://parley.test/2010-04-01/Accounts/" + stack.accountSid + "/Messages/");
    }

    @Test
    void statusesInAnyOrderAndRepeatedShouldEndRead() {
        Message m = stack.sent(stack.outgoing("read me", null), "wamid.out.1");

        for (String s : List.of("read", "delivered", "sent", "read", "delivered", "sent")) {
            assertThat(webhook(status("wamid.out.1", s, "")).status()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(stack.find(m.sid()).status()).isEqualTo(MessageStatus.READ));
        assertThat(stack.find(m.sid()).errorCode()).isNull();
    }

    @Test
    void aFailedStatusShouldFailTheMessageWithTwiliosCode() {
        Message m = stack.sent(stack.outgoing("too late", null), "wamid.out.2");

        webhook(status("wamid.out.2", "failed", ",\"errors\":[{\"code\":131047,\"title\":\"Re-engagement message\"}]"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Message now = stack.find(m.sid());
            assertThat(now.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(now.errorCode()).isEqualTo(63016);
        });
    }

    @Test
    void aReplyToAButtonShouldReachTheWebhookWithTwiliosReplyAndButtonParameters() {
        Message original = stack.sent(stack.outgoing("Pick it up?", null), "wamid.out.3");

        webhook(change("{" + metadata() + ",\"contacts\":[{\"profile\":{\"name\":\"Kerry\"},\"wa_id\":"
                + "\"14155550199\"}],\"messages\":[{\"context\":{\"from\":\"14155550100\",\"id\":\"wamid.out.3\"},"
                + "\"from\":\"14155550199\",\"id\":\"wamid.in.btn\",\"timestamp\":\"1700000000\",\"type\":\"button\","
                + "\"button\":{\"payload\":\"pickup-42\",\"text\":\"Yes\"}}]}"));

        Map<String, String> params = stack.receiver.awaitRequests("/sms", 1, Duration.ofSeconds(10)).getFirst()
                .singleFormParams();
        assertThat(params).containsEntry("Body", "Yes")
                .containsEntry("From", "whatsapp:+14155550199")
                .containsEntry("To", "whatsapp:+14155550100")
                .containsEntry("ProfileName", "Kerry")
                .containsEntry("ButtonText", "Yes")
                .containsEntry("ButtonPayload", "pickup-42")
                .containsEntry("OriginalRepliedMessageSid", original.sid())
                .containsEntry("OriginalRepliedMessageSender", "whatsapp:+14155550100");
    }

    @Test
    void aReactionShouldNotBecomeAMessage() {
        webhook(change("{" + metadata() + ",\"messages\":[{\"from\":\"14155550199\",\"id\":\"wamid.react\","
                + "\"timestamp\":\"1700000000\",\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.x\","
                + "\"emoji\":\"\\uD83D\\uDC4D\"}}]}"));

        assertThat(stack.messages()).isEmpty();
    }
}
