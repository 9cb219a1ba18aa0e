package dev.parley.core.inbound;

import java.util.List;

/** A message a channel received from a handset, addressed to one of the installation's numbers. */
public record InboundMessage(String channel, String from, String to, String body, List<String> mediaUrls) {
    public InboundMessage {
        body = body == null ? "" : body;
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
    }
}
