package dev.parley.server.e2e;

import static dev.parley.server.e2e.MessagingContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.content.v1.Content;
import com.twilio.rest.content.v1.ContentAndApprovals;
import com.twilio.rest.content.v1.content.ApprovalCreate;
import com.twilio.rest.content.v1.content.ApprovalFetch;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.type.PhoneNumber;
import dev.parley.testing.OpenApiSpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Content API ({@code /content/v1}, content.twilio.com) through Twilio's Java SDK and its JSON against Twilio's
 * Content v1 description; messages created from a content ({@code ContentSid}, {@code ContentVariables}) on SMS and
 * on a simulator WhatsApp sender, and Twilio's refusals.
 */
interface ContentContract {

    Parley parley();

    String QUICK_REPLY = """
            {"friendly_name": "Order shipped", "language": "en", "variables": {"1": "Ana", "2": "A-100"},
             "types": {
               "twilio/text": {"body": "Hi {{1}}, order {{2}} has shipped."},
               "twilio/quick-reply": {"body": "Hi {{1}}, order {{2}} has shipped. Track it?",
                 "actions": [{"title": "Track {{2}}", "id": "track"}, {"title": "Not now", "id": "later"}]}}}""";

    private Parley.Answer postJson(String path, String json) {
        return parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), Parley.ACCOUNT_SID, Parley.AUTH_TOKEN);
    }

    private Parley.Answer delete(String path) {
        return parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + path)).DELETE(),
                Parley.ACCOUNT_SID, Parley.AUTH_TOKEN);
    }

    private String createContent(String json) {
        Parley.Answer created = postJson("/content/v1/Content", json);
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        return created.json().get("sid").asText();
    }

    private List<JsonNode> inbox(String address) {
        Parley.Answer answer = parley().get("/parley/v1/Simulator/Handsets/"
                + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/Messages");
        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        answer.json().get("messages").forEach(out::add);
        return out;
    }

    @Test
    default void contentIsCreatedFetchedListedAndDeletedThroughTheSdk() {
        Content.Types types = new Content.Types.Builder()
                .twilioText(new Content.TwilioText.Builder("Hello {{1}}").build())
                .twilioQuickReply(new Content.TwilioQuickReply.Builder("Hello {{1}}, still coming?", List.of(
                        new Content.QuickReplyAction.Builder("Yes").id("yes").build(),
                        new Content.QuickReplyAction.Builder("No").id("no").build())).build())
                .build();
        Content created = Content.creator(new Content.ContentCreateRequest.Builder("en", types)
                .friendlyName("rsvp").variables(Map.of("1", "guest")).build()).create(parley().client());
        assertThat(created.getSid()).matches("HX[0-9a-f]{32}");
        assertThat(created.getAccountSid()).isEqualTo(Parley.ACCOUNT_SID);
        assertThat(created.getFriendlyName()).isEqualTo("rsvp");
        assertThat(created.getLanguage()).isEqualTo("en");
        assertThat(created.getVariables()).isEqualTo(Map.of("1", "guest"));
        assertThat(created.getTypes().toString()).contains("twilio/quick-reply").contains("Hello {{1}}");
        assertThat(created.getDateCreated()).isNotNull();
        assertThat(created.getLinks()).containsKeys("approval_create", "approval_fetch");

        Content fetched = Content.fetcher(created.getSid()).fetch(parley().client());
        assertThat(fetched.getFriendlyName()).isEqualTo("rsvp");
        assertThat(fetched.getTypes()).isEqualTo(created.getTypes());

        List<String> listed = new ArrayList<>();
        Content.reader().pageSize(1).limit(500).read(parley().client()).forEach(c -> listed.add(c.getSid()));
        assertThat(listed).contains(created.getSid()).doesNotHaveDuplicates();
        List<ContentAndApprovals> withApprovals = new ArrayList<>();
        ContentAndApprovals.reader().pageSize(50).read(parley().client()).forEach(withApprovals::add);
        assertThat(withApprovals).filteredOn(c -> c.getSid().equals(created.getSid())).singleElement()
                .satisfies(c -> assertThat(c.getApprovalRequests().toString()).contains("unsubmitted"));

        ApprovalCreate approval = ApprovalCreate.creator(created.getSid(),
                new ApprovalCreate.ContentApprovalRequest.Builder("rsvp_reminder", "UTILITY").build())
                .create(parley().client());
        // Only the simulator carries this account's WhatsApp: approved at once.
        assertThat(approval.getStatus()).isEqualTo("approved");
        assertThat(approval.getName()).isEqualTo("rsvp_reminder");
        assertThat(approval.getCategory()).isEqualTo("UTILITY");
        assertThat(approval.getContentType()).isEqualTo("twilio/quick-reply");
        ApprovalFetch approvalFetched = ApprovalFetch.fetcher(created.getSid()).fetch(parley().client());
        assertThat(approvalFetched.getSid()).isEqualTo(created.getSid());
        assertThat(approvalFetched.getWhatsapp().toString()).contains("approved").contains("rsvp_reminder");

        Content.deleter(created.getSid()).delete(parley().client());
        assertCode(() -> Content.fetcher(created.getSid()).fetch(parley().client()), 20404);
        assertCode(() -> ApprovalFetch.fetcher(created.getSid()).fetch(parley().client()), 20404);
    }

    @Test
    default void contentJsonHasEveryFieldOfTheSpec() {
        Parley.Answer created = postJson("/content/v1/Content", QUICK_REPLY);
        assertThat(created.status()).isEqualTo(201);
        OpenApiSpec spec = OpenApiSpec.contentV1();
        spec.assertConforms("content.v1.content", created.json());
        String sid = created.json().get("sid").asText();
        String url = parley().baseUrl() + "/content/v1/Content/" + sid;
        assertThat(created.json().get("url").asText()).isEqualTo(url);
        assertThat(created.json().get("links").get("approval_fetch").asText()).isEqualTo(url + "/ApprovalRequests");
        assertThat(created.json().get("types").get("twilio/quick-reply").get("actions").get(0).get("title").asText())
                .isEqualTo("Track {{2}}");
        assertThat(created.json().get("date_created").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

        Parley.Answer fetched = parley().get("/content/v1/Content/" + sid);
        spec.assertConforms("content.v1.content", fetched.json());
        assertThat(fetched.json()).isEqualTo(created.json());

        Parley.Answer unsubmitted = parley().get("/content/v1/Content/" + sid + "/ApprovalRequests");
        assertThat(unsubmitted.status()).isEqualTo(200);
        spec.assertConforms("content.v1.content.approval_fetch", unsubmitted.json());
        assertThat(unsubmitted.json().get("whatsapp").get("status").asText()).isEqualTo("unsubmitted");

        Parley.Answer submitted = postJson("/content/v1/Content/" + sid + "/ApprovalRequests/whatsapp",
                "{\"name\": \"order_shipped\", \"category\": \"utility\"}");
        assertThat(submitted.status()).isEqualTo(201);
        spec.assertConforms("content.v1.content.approval_create", submitted.json());
        assertThat(submitted.json().get("category").asText()).isEqualTo("UTILITY");
        assertThat(submitted.json().get("status").asText()).isEqualTo("approved");
        Parley.Answer again = postJson("/content/v1/Content/" + sid + "/ApprovalRequests/whatsapp",
                "{\"name\": \"order_shipped_2\", \"category\": \"UTILITY\"}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("code").asInt()).isEqualTo(20001);

        Parley.Answer list = parley().get("/content/v1/ContentAndApprovals?PageSize=1000");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("meta").get("key").asText()).isEqualTo("contents");
        JsonNode item = null;
        for (JsonNode c : list.json().get("contents")) {
            spec.assertConforms("content.v1.content_and_approvals", c);
            if (c.get("sid").asText().equals(sid)) {
                item = c;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.get("approval_requests").get("name").asText()).isEqualTo("order_shipped");
        assertThat(item.get("approval_requests").get("status").asText()).isEqualTo("approved");
        Parley.Answer contents = parley().get("/content/v1/Content?PageSize=1");
        assertThat(contents.json().get("contents")).hasSize(1);
        assertThat(contents.json().get("meta").get("next_page_url").asText()).contains("/content/v1/Content?");
    }

    @Test
    default void badContentIsRefusedWithTwilioErrorsAndNothingIsCreated() {
        int before = parley().get("/content/v1/Content?PageSize=1000").json().get("contents").size();
        List<String> bad = List.of(
                "not json",
                "[1, 2]",
                "{\"types\": {\"twilio/text\": {\"body\": \"x\"}}}",
                "{\"language\": \"en\"}",
                "{\"language\": \"en\", \"types\": {}}",
                "{\"language\": \"en\", \"types\": {\"twilio/location\": {\"latitude\": 1, \"longitude\": 2}}}",
                "{\"language\": \"en\", \"types\": {\"twilio/text\": {}}}",
                "{\"language\": \"en\", \"types\": {\"twilio/text\": {\"body\": \"x\", \"title\": \"y\"}}}",
                "{\"language\": \"en\", \"types\": {\"twilio/text\": {\"body\": \"Hi {{}}\"}}}",
                "{\"language\": \"en\", \"types\": {\"twilio/text\": {\"body\": \"Hi {{1}\"}}}",
                "{\"language\": \"en\", \"types\": {\"twilio/media\": {\"body\": \"x\", \"media\": []}}}",
                "{\"language\": \"en\", \"types\": {\"twilio/quick-reply\": {\"body\": \"x\","
                        + " \"actions\": [{\"type\": \"URL\", \"title\": \"y\"}]}}}",
                "{\"language\": \"en\", \"types\": {\"whatsapp/authentication\": {\"actions\": []}}}",
                "{\"language\": \"en\", \"variables\": {\"1\": 5}, \"types\": {\"twilio/text\": {\"body\": \"x\"}}}");
        for (String body : bad) {
            Parley.Answer refused = postJson("/content/v1/Content", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().get("code").asInt()).as(body).isEqualTo(20001);
            assertThat(refused.json().get("message").asText()).as(body).isNotBlank();
        }
        assertThat(parley().get("/content/v1/Content?PageSize=1000").json().get("contents")).hasSize(before);
        assertThat(parley().get("/content/v1/Content/HX" + "0".repeat(32)).json().get("code").asInt())
                .isEqualTo(20404);
        String sid = createContent(QUICK_REPLY);
        for (String approval : List.of("{}", "{\"name\": \"Bad Name\", \"category\": \"UTILITY\"}",
                "{\"name\": \"ok_name\", \"category\": \"GOSSIP\"}")) {
            Parley.Answer refused = postJson("/content/v1/Content/" + sid + "/ApprovalRequests/whatsapp", approval);
            assertThat(refused.status()).as(approval).isEqualTo(400);
        }
        assertThat(parley().get("/content/v1/Content/" + sid + "/ApprovalRequests").json().get("whatsapp")
                .get("status").asText()).isEqualTo("unsubmitted");
        assertThat(delete("/content/v1/Content/" + sid).status()).isEqualTo(204);
        assertThat(delete("/content/v1/Content/" + sid).status()).isEqualTo(404);
    }

    @Test
    default void contentOfAnotherAccountIsNotFound() {
        String sid = createContent(QUICK_REPLY);
        Account sub = Account.creator().setFriendlyName("content tenant").create(parley().client());
        String subSid = sub.getSid();
        String subToken = sub.getAuthToken();
        assertThat(parley().get("/content/v1/Content/" + sid, subSid, subToken).status()).isEqualTo(404);
        assertThat(parley().get("/content/v1/Content?PageSize=1000", subSid, subToken).json().get("contents")
                .toString()).doesNotContain(sid);
        assertCode(() -> Message.creator(new PhoneNumber(Fixtures.handset()), new PhoneNumber("+15005550006"),
                (String) null).setContentSid(sid)
                .create(parley().client(subSid, subToken)), 21655);
    }

    @Test
    default void smsFromAContentCarriesItsTextRenderedWithTheVariables() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String sid = createContent(QUICK_REPLY);
        String to = Fixtures.handset();
        Message sent = Message.creator(new PhoneNumber(to), number.getPhoneNumber(), (String) null)
                .setContentSid(sid).setContentVariables("{\"1\": \"Bo\"}").create(parley().client());
        // SMS gets twilio/text; {{2}} keeps the content's default.
        assertThat(sent.getBody()).isEqualTo("Hi Bo, order A-100 has shipped.");
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox(to).stream()
                .anyMatch(m -> m.get("sid").asText().equals(sent.getSid())));
        assertThat(inbox(to)).filteredOn(m -> m.get("sid").asText().equals(sent.getSid())).singleElement()
                .satisfies(m -> assertThat(m.get("body").asText()).isEqualTo("Hi Bo, order A-100 has shipped."));

        PhoneNumber from = number.getPhoneNumber();
        assertCode(() -> Message.creator(new PhoneNumber(to), from, (String) null).setContentSid("HX123")
                .create(parley().client()), 21655);
        assertCode(() -> Message.creator(new PhoneNumber(to), from, (String) null)
                .setContentSid("HX" + "0".repeat(32)).create(parley().client()), 21655);
        assertCode(() -> Message.creator(new PhoneNumber(to), from, (String) null).setContentSid(sid)
                .setContentVariables("{not json").create(parley().client()), 21656);
        assertCode(() -> Message.creator(new PhoneNumber(to), from, (String) null).setContentSid(sid)
                .setContentVariables("{\"1\": \"\"}").create(parley().client()), 21656);
        assertCode(() -> Message.creator(new PhoneNumber(to), from, "x").setContentVariables("{\"1\": \"Bo\"}")
                .create(parley().client()), 21654);
        String noDefaults = createContent("""
                {"language": "en", "types": {"twilio/text": {"body": "Code {{code}} for {{1}}"}}}""");
        assertCode(() -> Message.creator(new PhoneNumber(to), from, (String) null).setContentSid(noDefaults)
                .setContentVariables("{\"1\": \"Bo\"}").create(parley().client()), 21656);
        Message named = Message.creator(new PhoneNumber(to), from, (String) null).setContentSid(noDefaults)
                .setContentVariables("{\"1\": \"Bo\", \"code\": \"771\"}").create(parley().client());
        assertThat(named.getBody()).isEqualTo("Code 771 for Bo");
    }

    @Test
    default void whatsAppContentOpensAConversationOnlyOnceApproved() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        Parley.Answer enabled = parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/"
                + number.getSid() + ".json", Map.of("WhatsAppChannel", "simulator"));
        assertThat(enabled.status()).isEqualTo(200);
        PhoneNumber from = new PhoneNumber("whatsapp:" + number.getPhoneNumber());
        String to = "whatsapp:" + Fixtures.handset();
        String sid = createContent(QUICK_REPLY);
        // Not approved, it is a free-form message: the user never wrote, so it fails outside the 24-hour window.
        Message early = Message.creator(new PhoneNumber(to), from, (String) null).setContentSid(sid)
                .create(parley().client());
        await().atMost(Duration.ofSeconds(10)).until(() -> Message.fetcher(early.getSid()).fetch(parley().client())
                .getStatus() == Message.Status.FAILED);
        assertThat(Message.fetcher(early.getSid()).fetch(parley().client()).getErrorCode()).isEqualTo(63016);
        assertThat(inbox(to)).extracting(m -> m.get("status").asText()).containsExactly("failed");

        assertThat(postJson("/content/v1/Content/" + sid + "/ApprovalRequests/whatsapp",
                "{\"name\": \"order_shipped\", \"category\": \"UTILITY\"}").status()).isEqualTo(201);
        Message sent = Message.creator(new PhoneNumber(to), from, (String) null).setContentSid(sid)
                .setContentVariables("{\"2\": \"B-7\"}").create(parley().client());
        // WhatsApp shows the quick replies: the body lists them under the text.
        String expected = "Hi Ana, order B-7 has shipped. Track it?\n- Track B-7\n- Not now";
        assertThat(sent.getBody()).isEqualTo(expected);
        await().atMost(Duration.ofSeconds(10)).until(() -> Message.fetcher(sent.getSid()).fetch(parley().client())
                .getStatus() == Message.Status.DELIVERED);
        assertThat(inbox(to)).filteredOn(m -> !m.get("status").asText().equals("failed")).singleElement()
                .satisfies(m -> {
                    assertThat(m.get("sid").asText()).isEqualTo(sent.getSid());
                    assertThat(m.get("body").asText()).isEqualTo(expected);
                });
    }

    @Test
    default void conversationMessageFromAContentReachesEachParticipantInItsForm() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        assertThat(parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/"
                + number.getSid() + ".json", Map.of("WhatsAppChannel", "simulator")).status()).isEqualTo(200);
        String proxy = number.getPhoneNumber().toString();
        String smsUser = Fixtures.handset();
        String waUser = "whatsapp:" + Fixtures.handset();
        Conversation c = Conversation.creator().setFriendlyName("content").create(parley().client());
        Participant.creator(c.getSid()).setMessagingBindingAddress(smsUser).setMessagingBindingProxyAddress(proxy)
                .create(parley().client());
        Participant.creator(c.getSid()).setMessagingBindingAddress(waUser)
                .setMessagingBindingProxyAddress("whatsapp:" + proxy).create(parley().client());
        String sid = createContent(QUICK_REPLY);
        assertThat(postJson("/content/v1/Content/" + sid + "/ApprovalRequests/whatsapp",
                "{\"name\": \"order_shipped\", \"category\": \"UTILITY\"}").status()).isEqualTo(201);

        com.twilio.rest.conversations.v1.conversation.Message posted = com.twilio.rest.conversations.v1.conversation
                .Message.creator(c.getSid()).setAuthor("agent").setContentSid(sid)
                .setContentVariables("{\"1\": \"Cy\"}").create(parley().client());
        String chatText = "Hi Cy, order A-100 has shipped. Track it?\n- Track A-100\n- Not now";
        assertThat(posted.getContentSid()).isEqualTo(sid);
        assertThat(posted.getBody()).isEqualTo(chatText);
        Parley.Answer fetched = parley().get("/conversations/v1/Conversations/" + c.getSid() + "/Messages/"
                + posted.getSid());
        assertThat(fetched.json().get("content_sid").asText()).isEqualTo(sid);
        OpenApiSpec.conversationsV1().assertConforms("conversations.v1.conversation.conversation_message",
                fetched.json());

        // The SMS participant reads the conversation's text; the WhatsApp one is sent the approved template.
        await().atMost(Duration.ofSeconds(10)).until(() -> !inbox(smsUser).isEmpty() && !inbox(waUser).isEmpty());
        assertThat(inbox(smsUser)).singleElement()
                .satisfies(m -> assertThat(m.get("body").asText()).isEqualTo(chatText));
        JsonNode wa = inbox(waUser).getFirst();
        assertThat(wa.get("body").asText()).isEqualTo(chatText);
        Message waMessage = Message.fetcher(wa.get("sid").asText()).fetch(parley().client());
        assertThat(waMessage.getFrom().toString()).isEqualTo("whatsapp:" + proxy);

        assertThat(parley().post("/conversations/v1/Conversations/" + c.getSid() + "/Messages",
                Map.of("ContentSid", "HX" + "0".repeat(32))).json().get("code").asInt()).isEqualTo(21655);
        assertThat(parley().post("/conversations/v1/Conversations/" + c.getSid() + "/Messages",
                Map.of("Body", "x", "ContentVariables", "{\"1\": \"a\"}")).json().get("code").asInt())
                .isEqualTo(50528);
        assertThat(parley().post("/conversations/v1/Conversations/" + c.getSid() + "/Messages",
                Map.of("ContentSid", sid, "ContentVariables", "[1]")).json().get("code").asInt()).isEqualTo(50527);
        assertThat(parley().get("/conversations/v1/Conversations/" + c.getSid() + "/Messages").json()
                .get("messages")).hasSize(1);

        // A content not approved for WhatsApp is free-form there: the WhatsApp user never wrote, so their copy fails
        // outside the 24-hour window, visibly; the SMS one goes.
        String unapproved = createContent("""
                {"language": "en", "types": {"twilio/text": {"body": "Plain {{1}}"}}}""");
        var second = com.twilio.rest.conversations.v1.conversation.Message.creator(c.getSid()).setAuthor("agent")
                .setContentSid(unapproved).setContentVariables("{\"1\": \"news\"}").create(parley().client());
        assertThat(second.getBody()).isEqualTo("Plain news");
        String receipts = "/conversations/v1/Conversations/" + c.getSid() + "/Messages/" + second.getSid()
                + "/Receipts";
        await().atMost(Duration.ofSeconds(10)).until(() -> parley().get(receipts).json().get("delivery_receipts")
                .size() == 2 && inbox(smsUser).size() == 2);
        List<String> failed = new ArrayList<>();
        parley().get(receipts).json().get("delivery_receipts").forEach(r -> {
            if (r.get("status").asText().equals("failed")) {
                failed.add(r.get("error_code").asText());
            }
        });
        assertThat(failed).containsExactly("63016");
        assertThat(inbox(waUser)).filteredOn(m -> !m.get("status").asText().equals("failed")).hasSize(1);
    }
}
