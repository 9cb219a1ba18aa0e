package dev.parley.core.message.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.media.MediaFetcher;
import dev.parley.core.message.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelMediaFetcherTest {
    private static final Path TARGET = Path.of("unused");

    /** A provider channel that owns the URLs starting with its prefix. */
    private record Provider(String name, String prefix) implements Channel, ProviderMedia {
        @Override
        public SendResult send(Message message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<MediaFetcher.Result> fetchMedia(String url, Path target) {
            return url.startsWith(prefix) ? Optional.of(new MediaFetcher.Result.Fetched("image/png", name.length()))
                    : Optional.empty();
        }
    }

    /** The ordinary fetcher: records what reached it. */
    private record Ordinary(List<String> urls) implements MediaFetcher {
        @Override
        public Result fetch(String url, Path target) {
            urls.add(url);
            return new Result.Failed(11200, "ordinary");
        }

        @Override
        public Result fetch(String url, Map<String, String> headers, Path target) {
            urls.add(url + " " + headers);
            return new Result.Failed(11200, "ordinary");
        }
    }

    @Test
    void aUrlAProviderChannelRecognisesShouldBeFetchedByThatChannelAndAnyOtherByTheDelegate() {
        Ordinary ordinary = new Ordinary(new ArrayList<>());
        Channels channels = new Channels(List.of(new Provider("whatsapp:a", "https://graph/1?"),
                new Provider("whatsapp:bb", "https://graph/2?")));
        ChannelMediaFetcher fetcher = new ChannelMediaFetcher(channels, ordinary);

        assertThat(fetcher.fetch("https://graph/2?phone_number_id=2", TARGET))
                .isEqualTo(new MediaFetcher.Result.Fetched("image/png", "whatsapp:bb".length()));
        assertThat(fetcher.fetch("https://example.com/cat.png", TARGET))
                .isEqualTo(new MediaFetcher.Result.Failed(11200, "ordinary"));
        assertThat(fetcher.fetch("https://example.com/dog.png", Map.of("Authorization", "x"), TARGET))
                .isEqualTo(new MediaFetcher.Result.Failed(11200, "ordinary"));
        assertThat(ordinary.urls()).containsExactly("https://example.com/cat.png",
                "https://example.com/dog.png {Authorization=x}");
    }
}
