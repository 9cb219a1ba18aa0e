package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class OpenApiSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGE = "api.v2010.account.message";

    private static ObjectNode validMessage() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"body":"hi","num_segments":"1","direction":"outbound-api","from":"+15551230001",
                 "to":"+15551230002","date_updated":"Thu, 03 Jul 2025 20:12:31 +0000","price":null,
                 "error_message":null,"uri":"/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/SM00000000000000000000000000000002.json",
                 "account_sid":"AC00000000000000000000000000000001","num_media":"0","status":"queued",
                 "messaging_service_sid":null,"sid":"SM00000000000000000000000000000002","date_sent":null,
                 "date_created":"Thu, 03 Jul 2025 20:12:31 +0000","error_code":null,"price_unit":"USD",
                 "api_version":"2010-04-01",
                 "subresource_uris":{"media":"/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/SM00000000000000000000000000000002/Media.json"}}
                """);
    }

    @Test
    void validMessageConforms() throws Exception {
        ObjectNode message = validMessage();
        assertThat(message.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrderElementsOf(OpenApiSpec.api2010().propertyNames(MESSAGE));

        assertThatCode(() -> OpenApiSpec.api2010().assertConforms(MESSAGE, message)).doesNotThrowAnyException();
    }

    @Test
    void reportsEveryMismatchInOneError() throws Exception {
        ObjectNode message = validMessage();
        message.put("error_code", "30003");                          // wrong type
        message.remove("num_media");                                 // missing
        message.put("status", "bogus");                              // bad enum (via $ref)
        message.put("date_created", "Thu, 3 Jul 2025 20:12:31 GMT"); // RFC_1123_DATE_TIME, not Twilio's
        message.putNull("direction");                                // enum schema is not nullable
        message.put("sid", "SM123");                                 // pattern and length

        assertThatThrownBy(() -> OpenApiSpec.api2010().assertConforms(MESSAGE, message))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.error_code: expected integer but was string \"30003\"")
                .hasMessageContaining("$.num_media: missing")
                .hasMessageContaining("$.status: 'bogus' is not one of [queued,")
                .hasMessageContaining("$.date_created: 'Thu, 3 Jul 2025 20:12:31 GMT'")
                .hasMessageContaining("$.direction: null but the spec does not allow null")
                .hasMessageContaining("$.sid: 'SM123' does not match");
        assertThat(OpenApiSpec.api2010().mismatches(MESSAGE, message)).hasSize(7);
    }

    @Test
    void rfc2822DateMustHaveTheRightWeekdayAndZeroOffset() throws Exception {
        ObjectNode wrongWeekday = validMessage().put("date_updated", "Fri, 03 Jul 2025 20:12:31 +0000");
        ObjectNode otherOffset = validMessage().put("date_updated", "Thu, 03 Jul 2025 20:12:31 +0200");

        assertThat(OpenApiSpec.api2010().mismatches(MESSAGE, wrongWeekday))
                .singleElement().asString().contains("weekday");
        assertThat(OpenApiSpec.api2010().mismatches(MESSAGE, otherOffset)).hasSize(1);
    }

    @Test
    void checksIsoDatesUriMapsAndNestedArraysInConversations() throws Exception {
        ObjectNode conversation = (ObjectNode) JSON.readTree("""
                {"account_sid":"AC00000000000000000000000000000001","chat_service_sid":"IS00000000000000000000000000000001",
                 "messaging_service_sid":"MG00000000000000000000000000000001","sid":"CH00000000000000000000000000000001",
                 "friendly_name":null,"unique_name":null,"attributes":"{}","state":"active",
                 "date_created":"2025-07-03T20:12:31Z","date_updated":"2025-07-03T20:12:31.123+00:00","timers":{},
                 "url":"http://localhost:8080/conversations/v1/Conversations/CH00000000000000000000000000000001",
                 "links":{"participants":"http://localhost:8080/conversations/v1/Conversations/CH00000000000000000000000000000001/Participants"},
                 "bindings":null}
                """);
        OpenApiSpec spec = OpenApiSpec.conversationsV1();
        assertThat(spec.mismatches("conversations.v1.conversation", conversation)).isEmpty();

        conversation.put("date_created", "Thu, 03 Jul 2025 20:12:31 +0000");
        conversation.putObject("links").put("participants", "not a uri");
        conversation.put("url", "ftp://example.com/x");
        assertThat(spec.mismatches("conversations.v1.conversation", conversation))
                .anySatisfy(p -> assertThat(p).startsWith("$.date_created:").contains("ISO 8601"))
                .anySatisfy(p -> assertThat(p).startsWith("$.links.participants:").contains("uri-map"))
                .anySatisfy(p -> assertThat(p).startsWith("$.url:"))
                .hasSize(3);
    }

    @Test
    void listsEnumValuesAndPropertyNames() {
        assertThat(OpenApiSpec.api2010().enumValues("message_enum_status"))
                .contains("queued", "sent", "delivered", "undelivered", "failed", "received");
        assertThat(OpenApiSpec.conversationsV1().enumValues("conversation_enum_state"))
                .containsExactlyInAnyOrder("initializing", "inactive", "active", "closed");
        assertThat(OpenApiSpec.messagingV1().propertyNames("messaging.v1.service"))
                .contains("sid", "account_sid", "inbound_request_url", "use_inbound_webhook_on_number");
    }

    @Test
    void unknownSchemaIsAnIllegalArgument() {
        assertThatThrownBy(() -> OpenApiSpec.api2010().propertyNames("api.v2010.nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("api.v2010.nope")
                .hasMessageContaining("twilio_api_v2010.json");
        assertThatThrownBy(() -> OpenApiSpec.api2010().enumValues(MESSAGE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an enum");
    }

    @Test
    void specsAreParsedOncePerJvm() {
        assertThat(OpenApiSpec.api2010()).isSameAs(OpenApiSpec.api2010());
    }

    @Test
    void aDescriptionTheBuildDidNotFetchIsAnErrorThatSaysWhereTheyComeFrom() {
        assertThatThrownBy(() -> OpenApiSpec.load("twilio_nope_v1.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("twilio-openapi/twilio_nope_v1.json is not on the classpath")
                .hasMessageContaining("@twilio/cli-core");
    }

    @Test
    void theFetchedDescriptionsComeWithTwiliosMitLicence() throws Exception {
        try (var licence = OpenApiSpec.class.getClassLoader().getResourceAsStream(OpenApiSpec.FOLDER + "/LICENSE")) {
            assertThat(licence).isNotNull();
            assertThat(new String(licence.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .startsWith("MIT License").contains("Twilio, Inc.");
        }
    }
}
