package dev.parley.core.media;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Fetches one media URL into a file, as Twilio fetches a {@code MediaUrl}: {@code GET} over HTTP/1.1 or TLS,
 * following up to {@value #MAX_REDIRECTS} redirects, within {@link Settings}' timeouts; the declared
 * {@code Content-Type} must be one Twilio accepts and agree with the bytes ({@link MediaTypes}), and the body must
 * stay within the type's size limit.
 *
 * <p>Callers may rely on: every connection, the first and each redirect's, goes only to an address the
 * {@link Settings#deny() deny list} allowed when the name was resolved; a failure of any kind (network, protocol,
 * a malformed body) is a {@link Result.Failed} with Twilio's code, never an exception; on failure the target file
 * does not exist afterwards. Blocking; call it on a virtual thread. Thread-safe. The adapter lives in
 * {@code parley-outbound}.
 */
public interface MediaFetcher {
    int MAX_REDIRECTS = 5;

    /** Where fetches may go and how long they may take. */
    record Settings(DenyList deny, Duration connectTimeout, Duration readTimeout, Duration totalTimeout) {
        public static final Settings DEFAULT = of(DenyList.DEFAULT, Duration.ofSeconds(10));

        /** {@code timeout} for connecting and for each read; four times it for the whole fetch. */
        public static Settings of(DenyList deny, Duration timeout) {
            return new Settings(deny, timeout, timeout, timeout.multipliedBy(4));
        }
    }

    /** What a fetch came to. */
    sealed interface Result {
        /** Stored in the target file. */
        record Fetched(String contentType, long size) implements Result {
        }

        /** Nothing stored; {@code code} is Twilio's (11200, 11215, 12300, 30019). */
        record Failed(int code, String reason) implements Result {
        }
    }

    /** Fetches {@code url} into {@code target}; on failure the target does not exist afterwards. */
    Result fetch(String url, Path target);

    /**
     * As {@link #fetch(String, Path)}, sending {@code headers} with the request (a provider's media behind its
     * credentials: {@code Authorization}). With headers no redirect is followed (a redirect fails with 11200), so
     * they reach {@code url}'s host only. A fetcher that cannot send headers fails with 11200.
     */
    default Result fetch(String url, Map<String, String> headers, Path target) {
        return headers.isEmpty() ? fetch(url, target)
                : new Result.Failed(11200, "this fetcher cannot send request headers (fetching " + url + ")");
    }

    /** Whether {@code url} is something a fetcher can try: an absolute http(s) URL with a host (else 21620). */
    static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
