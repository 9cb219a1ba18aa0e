package dev.parley.core.message.channel;

import dev.parley.core.media.MediaFetcher;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@link Channel} whose received media stay with its provider, behind the channel's credentials (WhatsApp's Cloud
 * API: a media id, read with the access token). The channel gives {@code InboundMessage.mediaUrls} it recognises;
 * {@link ChannelMediaFetcher} hands each such URL back to it when the received message's media are stored, like any
 * other {@code MediaUrl} (the same limits, the same Twilio codes on failure).
 */
public interface ProviderMedia {

    /**
     * Fetches {@code url} into {@code target} when it names media of this channel; empty when it does not (another
     * channel's, or an ordinary URL). Blocking; the same promises as {@link MediaFetcher#fetch}.
     */
    Optional<MediaFetcher.Result> fetchMedia(String url, Path target);
}
