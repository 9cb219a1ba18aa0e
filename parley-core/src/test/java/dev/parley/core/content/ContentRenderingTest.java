package dev.parley.core.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ApiException;
import dev.parley.core.message.MessageTemplates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentRenderingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Content content(String types, Map<String, String> defaults) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(types);
        ContentTypes.check(node);
        return new Content("HX" + "1".repeat(32), "AC" + "1".repeat(32), "", "en", defaults, node, Instant.EPOCH,
                Instant.EPOCH);
    }

    @Test
    void smsPrefersTextThenMediaAndRichChannelsTheRichestType() throws Exception {
        Content c = content("""
                {"twilio/text": {"body": "Hi {{1}}"},
                 "twilio/media": {"body": "See {{1}}", "media": ["https://example.com/{{2}}.png"]},
                 "twilio/call-to-action": {"body": "Hi {{1}}", "actions": [
                   {"type": "URL", "title": "Open", "url": "https://example.com/o/{{2}}"},
                   {"type": "PHONE_NUMBER", "title": "Call us", "phone": "+15005550006"}]}}""",
                Map.of("2", "x"));
        assertThat(ContentRendering.render(c, Map.of("1", "Bo"), false))
                .isEqualTo(new MessageTemplates.Rendered("Hi Bo", List.of()));
        assertThat(ContentRendering.render(c, Map.of("1", "Bo", "2", "y"), true)).isEqualTo(
                new MessageTemplates.Rendered("Hi Bo\n- Open: https://example.com/o/y\n- Call us: +15005550006",
                        List.of()));
        Content media = content("{\"twilio/media\": {\"body\": \"See {{1}}\", \"media\": [\"https://e.com/{{1}}\"]}}",
                Map.of());
        assertThat(ContentRendering.render(media, Map.of("1", "a b"), false))
                .isEqualTo(new MessageTemplates.Rendered("See a b", List.of("https://e.com/a b")));
    }

    @Test
    void cardsAndAuthenticationRenderAsLines() throws Exception {
        Content card = content("""
                {"whatsapp/card": {"header_text": "Sale", "body": "{{1}} off", "footer": "Ends soon",
                  "actions": [{"type": "QUICK_REPLY", "title": "Tell me more", "id": "more"}]}}""", Map.of());
        assertThat(ContentRendering.render(card, Map.of("1", "10%"), false).body())
                .isEqualTo("Sale\n10% off\nEnds soon\n- Tell me more");
        Content auth = content("""
                {"whatsapp/authentication": {"add_security_recommendation": true, "code_expiration_minutes": 5,
                  "actions": [{"type": "COPY_CODE", "copy_code_text": "Copy code"}]}}""", Map.of());
        assertThat(ContentRendering.render(auth, Map.of("1", "123456"), true).body()).isEqualTo(
                "123456 is your verification code. For your security, do not share this code.\n"
                        + "This code expires in 5 minutes.");
    }

    @Test
    void aPlaceholderWithoutAValueIs21656AndReplacementsAreLiteral() throws Exception {
        Content c = content("{\"twilio/text\": {\"body\": \"{{ name }} owes {{1}}\"}}", Map.of("1", "$5"));
        assertThatThrownBy(() -> ContentRendering.render(c, Map.of(), false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(21656));
        assertThat(ContentRendering.render(c, Map.of("name", "Al\\1"), false).body()).isEqualTo("Al\\1 owes $5");
    }

    @Test
    void variablesParameterIsAJsonObjectOfNonEmptyValues() {
        assertThat(ContentVariables.parse(null)).isEmpty();
        assertThat(ContentVariables.parse("{\"1\": \"a\", \"2\": 7}")).isEqualTo(Map.of("1", "a", "2", "7"));
        for (String bad : List.of("x", "[]", "{\"1\": null}", "{\"1\": \" \"}", "{\"1\": {\"a\": 1}}")) {
            assertThatThrownBy(() -> ContentVariables.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(21656));
        }
    }
}
