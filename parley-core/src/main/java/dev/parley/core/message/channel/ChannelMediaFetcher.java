package dev.parley.core.message.channel;

import dev.parley.core.media.MediaFetcher;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link MediaFetcher} media are stored through: a URL a registered {@link ProviderMedia} channel recognises is
 * fetched by that channel (with its credentials); any other goes to {@code delegate}. Thread-safe as its parts are.
 */
public final class ChannelMediaFetcher implements MediaFetcher {
    private final Channels channels;
    private final MediaFetcher delegate;

    public ChannelMediaFetcher(Channels channels, MediaFetcher delegate) {
        this.channels = channels;
        this.delegate = delegate;
    }

    @Override
    public Result fetch(String url, Path target) {
        for (Channel channel : channels.all()) {
            if (channel instanceof ProviderMedia provider) {
                Optional<Result> result = provider.fetchMedia(url, target);
                if (result.isPresent()) {
                    return result.get();
                }
            }
        }
        return delegate.fetch(url, target);
    }

    @Override
    public Result fetch(String url, Map<String, String> headers, Path target) {
        return delegate.fetch(url, headers, target);
    }
}
