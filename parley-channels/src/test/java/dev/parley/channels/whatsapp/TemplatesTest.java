package dev.parley.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.content.Content;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Content content(String types, Map<String, String> defaults) throws Exception {
        return new Content("HX" + "1".repeat(32), "AC" + "2".repeat(32), "card", "en-US", defaults,
                (ObjectNode) JSON.readTree(types), Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void aCardWithMediaAndActionsShouldBeSubmittedWithHeaderBodyFooterAndButtons() throws Exception {
        Content card = content("""
                {"twilio/card": {"title": "Order {{1}} shipped", "subtitle": "Thanks for shopping",
                  "media": ["https://cdn.example/box.png"],
                  "actions": [{"type": "URL", "title": "Track", "url": "https://track.example/{{2}}"},
                              {"type": "PHONE_NUMBER", "title": "Call us", "phone": "+14155550100"}]},
                 "twilio/text": {"body": "Order {{1}} shipped"}}""", Map.of("1", "A-1", "2", "abc"));

        JsonNode submission = Templates.submission(card, "order_shipped", "utility");

        assertThat(submission).isEqualTo(JSON.readTree("""
                {"name": "order_shipped", "language": "en_US", "category": "UTILITY", "components": [
                  {"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["https://cdn.example/box.png"]}},
                  {"type": "BODY", "text": "Order {{1}} shipped", "example": {"body_text": [["A-1"]]}},
                  {"type": "FOOTER", "text": "Thanks for shopping"},
                  {"type": "BUTTONS", "buttons": [
                    {"text": "Track", "type": "URL", "url": "https://track.example/{{2}}",
                     "example": ["https://track.example/abc"]},
                    {"text": "Call us", "type": "PHONE_NUMBER", "phone_number": "+14155550100"}]}]}"""));
    }

    @Test
    void aCardShouldBeSentWithItsHeaderBodyAndUrlButtonParameters() throws Exception {
        Content card = content("""
                {"twilio/card": {"title": "Order {{1}} shipped", "media": ["https://cdn.example/{{1}}.png"],
                  "actions": [{"type": "URL", "title": "Track", "url": "https://track.example/{{2}}"}]}}""",
                Map.of("1", "A-1", "2", "abc"));

        JsonNode components = Templates.components(card, Map.of("2", "xyz"));

        assertThat(components).isEqualTo(JSON.readTree("""
                [{"type": "header",
                  "parameters": [{"type": "image", "image": {"link": "https://cdn.example/A-1.png"}}]},
                 {"type": "body", "parameters": [{"type": "text", "text": "A-1"}]},
                 {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "xyz"}]}]
                """));
    }

    @Test
    void anAuthenticationContentShouldBeMetasCopyCodeTemplateSentWithTheCode() throws Exception {
        Content otp = content("""
                {"whatsapp/authentication": {"add_security_recommendation": true, "code_expiration_minutes": 10,
                  "actions": [{"type": "COPY_CODE", "copy_code_text": "Copy"}]}}""", Map.of());

        assertThat(Templates.submission(otp, "login_code", "AUTHENTICATION")).isEqualTo(JSON.readTree("""
                {"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [
                  {"type": "BODY", "add_security_recommendation": true},
                  {"type": "FOOTER", "code_expiration_minutes": 10},
                  {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy"}]}]}"""));
        assertThat(Templates.components(otp, Map.of("1", "482913"))).isEqualTo(JSON.readTree("""
                [{"type": "body", "parameters": [{"type": "text", "text": "482913"}]},
                 {"type": "button", "sub_type": "url", "index": "0",
                  "parameters": [{"type": "text", "text": "482913"}]}]"""));
    }
}
