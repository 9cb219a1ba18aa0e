package dev.parley.core.inbound;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.media.Media;
import dev.parley.core.message.Message;
import java.util.List;
import java.util.Map;

/**
 * The parameters Twilio adds to the incoming-message webhook for a WhatsApp message: the sender's {@code ProfileName}
 * and {@code WaId} (their number without the {@code +}), the {@code MessageType} and {@code ReferralNumMedia}. A
 * WhatsApp message carries no geography ({@code FromCountry}, …): those belong to phone numbers on SMS.
 */
final class WhatsAppParams {
    private WhatsAppParams() {
    }

    static void add(Map<String, List<String>> params, Message m, String profileName, List<Media> media) {
        if (!ChannelAddress.isWhatsApp(m.from())) {
            return;
        }
        ChannelAddress from = ChannelAddress.parse(m.from()).orElseThrow();
        params.put("ProfileName", List.of(profileName != null ? profileName : ""));
        params.put("WaId", List.of(from.number().e164().substring(1)));
        params.put("MessageType", List.of(messageType(m, media)));
        params.put("ReferralNumMedia", List.of("0"));
    }

    /** Twilio's {@code MessageType}: {@code text}, or the kind of the first medium. */
    static String messageType(Message m, List<Media> media) {
        if (!m.mms()) {
            return "text";
        }
        String type = media.isEmpty() || media.getFirst().contentType() == null ? ""
                : media.getFirst().contentType();
        if (type.startsWith("image/")) {
            return "image";
        }
        if (type.startsWith("video/")) {
            return "video";
        }
        if (type.startsWith("audio/")) {
            return "audio";
        }
        return "document";
    }
}
