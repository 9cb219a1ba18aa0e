package dev.parley.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.media.Media;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhatsAppParamsTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private static Message inbound(String from, String to, List<String> media) {
        return new Message("SM1", "AC1", null, from, to, "hi", media, 1, Direction.INBOUND, MessageStatus.RECEIVED,
                null, null, null, "USD", "simulator", null, Message.StatusCallback.NONE, T0, T0, T0);
    }

    private static Media medium(String type) {
        return new Media("ME1", "AC1", "SM1", 0, type, 10, T0);
    }

    @Test
    void whatsAppMessageGetsProfileNameWaIdAndMessageType() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        WhatsAppParams.add(params, inbound("whatsapp:+447700900123", "whatsapp:+14155550100", List.of()), "Ada",
                List.of());
        assertThat(params).containsEntry("ProfileName", List.of("Ada")).containsEntry("WaId", List.of("447700900123"))
                .containsEntry("MessageType", List.of("text")).containsEntry("ReferralNumMedia", List.of("0"));
    }

    @Test
    void smsMessageGetsNothing() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        WhatsAppParams.add(params, inbound("+447700900123", "+14155550100", List.of()), "Ada", List.of());
        assertThat(params).isEmpty();
    }

    @Test
    void messageTypeNamesTheFirstMediumsKind() {
        Message withMedia = inbound("whatsapp:+447700900123", "whatsapp:+14155550100", List.of("https://x/1"));
        assertThat(WhatsAppParams.messageType(withMedia, List.of(medium("image/jpeg")))).isEqualTo("image");
        assertThat(WhatsAppParams.messageType(withMedia, List.of(medium("video/mp4")))).isEqualTo("video");
        assertThat(WhatsAppParams.messageType(withMedia, List.of(medium("audio/ogg")))).isEqualTo("audio");
        assertThat(WhatsAppParams.messageType(withMedia, List.of(medium("application/pdf")))).isEqualTo("document");
        assertThat(WhatsAppParams.messageType(withMedia, List.of())).isEqualTo("document");
    }
}
