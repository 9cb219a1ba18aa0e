package dev.parley.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookJobTest {

    @Test
    void aPayloadReadsBackAsItWasWrittenWithItsParametersInOrder() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("MessageSid", List.of("SM0123"));
        params.put("Body", List.of("Ünïcode \"quoted\" \\ back\nline 😀"));
        params.put("MediaUrl", List.of("https://a.example/1", "https://a.example/2"));
        params.put("Empty", List.of(""));
        WebhookJob job = new WebhookJob("http://localhost:3000/status?x=1&y=2", "POST", params, "status-callback",
                null);

        WebhookJob read = WebhookJob.fromJson(job.toJson());

        assertThat(read).isEqualTo(job);
        assertThat(read.params().keySet()).containsExactly("MessageSid", "Body", "MediaUrl", "Empty");
    }

    @Test
    void aChainReadsBackInOrderWithATokenOfItsOwnForEveryRequestAfterTheFirst() {
        WebhookJob sending = new WebhookJob("http://localhost:3000/s", "POST",
                Map.of("MessageStatus", List.of("sending")), "status-callback", "SM1");
        WebhookJob sent = new WebhookJob("http://localhost:3000/s", "POST",
                Map.of("MessageStatus", List.of("sent")), "status-callback", "SM1");

        WebhookJob read = WebhookJob.fromJson(WebhookJob.chain("JB9", List.of(sending, sent)).toJson());

        assertThat(read.params().get("MessageStatus")).containsExactly("sending");
        assertThat(read.token()).isNull();
        assertThat(read.then().params().get("MessageStatus")).containsExactly("sent");
        assertThat(read.then().token()).isEqualTo("JB9.1");
        assertThat(read.then().then()).isNull();
    }

    @Test
    void aPayloadThatIsNotAWebhookJobIsRefusedAsSuch() {
        for (String bad : List.of("[]", "{\"params\":{\"Body\":\"x\"}}", "{\"params\":{\"Body\":[[]]}}",
                "{\"url\":\"http://a\",\"params\":{\"Body\":[\"x\"")) {
            assertThatThrownBy(() -> WebhookJob.fromJson(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad webhook job payload");
        }
    }
}
