package dev.parley.outbound;

import dev.parley.core.media.MediaFetcher;
import dev.parley.core.media.MediaTypes;
import dev.parley.core.webhook.HttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

/**
 * {@link MediaFetcher} over {@link OutboundHttpClient}: a {@code GET} following up to
 * {@value MediaFetcher#MAX_REDIRECTS} redirects (as Parley's fetcher always did, and Twilio's does), every hop's
 * address checked by the client's {@link AddressPolicy}; the whole fetch, redirects included, within the settings'
 * total timeout. Any failure to get a well-formed body, a malformed chunk size included, fails with 11200.
 */
public final class HttpMediaFetcher implements MediaFetcher, AutoCloseable {
    private final Settings settings;
    private final OutboundHttpClient client;

    /** @param client built with {@link OutboundHttpClient.Settings#media} from the same settings */
    public HttpMediaFetcher(Settings settings, OutboundHttpClient client) {
        this.settings = settings;
        this.client = client;
    }

    /** A fetcher with its own client: the system resolver and the JVM's trust. */
    public static HttpMediaFetcher of(Settings settings) {
        return new HttpMediaFetcher(settings, new OutboundHttpClient(OutboundHttpClient.Settings.media(
                new AddressPolicy(settings.deny(), "PARLEY_MEDIA_DENY"), settings.connectTimeout(), MAX_REDIRECTS)));
    }

    @Override
    public Result fetch(String url, Path target) {
        return fetch(url, Map.of(), target);
    }

    @Override
    public Result fetch(String url, Map<String, String> headers, Path target) {
        Result result;
        try {
            result = get(url, headers, target);
        } catch (HttpTransport.AddressDenied e) {
            result = new Result.Failed(11200, "fetching " + url + " is not allowed (media deny list): "
                    + e.getMessage());
        } catch (HttpTimeoutException e) {
            result = new Result.Failed(11200, "timed out fetching " + url + ": " + e.getMessage());
        } catch (IOException e) {
            result = e.getCause() instanceof RedirectException
                    ? new Result.Failed(11215, "more than " + MAX_REDIRECTS + " redirects from " + url)
                    : new Result.Failed(11200, "cannot fetch " + url + ": " + e);
        }
        if (result instanceof Result.Failed) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                // an orphan file without a row is harmless
            }
        }
        return result;
    }

    private Result get(String url, Map<String, String> headers, Path target) throws IOException {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return new Result.Failed(11200, "not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return new Result.Failed(11200, "not an http(s) URL: " + uri);
        }
        HttpGet get = new HttpGet(uri);
        get.setHeader("User-Agent", "Parley-Media/1.0");
        get.setHeader("Accept", "*/*");
        headers.forEach(get::setHeader);
        // Credentials go to the URL's host only: with headers, a redirect is an answer (3xx), not followed.
        return client.execute(get, settings.readTimeout(), settings.totalTimeout(), headers.isEmpty(),
                (request, response) -> body(request, response, uri, target));
    }

    private Result body(HttpUriRequestBase request, ClassicHttpResponse response, URI uri, Path target)
            throws IOException {
        int status = response.getCode();
        if (status < 200 || status > 299) {
            return new Result.Failed(11200, "HTTP " + status + " from " + uri);
        }
        Header typeHeader = response.getFirstHeader("Content-Type");
        String declared = MediaTypes.essence(typeHeader == null ? null : typeHeader.getValue());
        if (declared == null) {
            return new Result.Failed(12300, "no Content-Type from " + uri);
        }
        if (!MediaTypes.accepted(declared)) {
            return new Result.Failed(12300, "Content-Type " + declared + " from " + uri + " is not accepted for media");
        }
        long limit = MediaTypes.limit(declared);
        Header lengthHeader = response.getFirstHeader("Content-Length");
        Optional<Long> length = Optional.ofNullable(lengthHeader).flatMap(h -> parseLong(h.getValue()));
        if (length.isPresent() && length.get() > limit) {
            request.cancel();
            return tooLarge(uri, declared, length.get(), limit);
        }
        byte[] head = new byte[MediaTypes.HEAD];
        int headLength = 0;
        long size = 0;
        byte[] buffer = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            InputStream body = response.getEntity() == null ? InputStream.nullInputStream()
                    : response.getEntity().getContent();
            int n;
            while ((n = body.read(buffer)) > 0) {
                size += n;
                if (size > limit) {
                    request.cancel();
                    return tooLarge(uri, declared, size, limit);
                }
                if (headLength < head.length) {
                    int take = Math.min(n, head.length - headLength);
                    System.arraycopy(buffer, 0, head, headLength, take);
                    headLength += take;
                }
                out.write(buffer, 0, n);
            }
        }
        Optional<String> mismatch = MediaTypes.check(declared, head, headLength);
        if (mismatch.isPresent()) {
            return new Result.Failed(12300, "Content-Type of " + uri + ": " + mismatch.get());
        }
        return new Result.Fetched(declared, size);
    }

    private static Result tooLarge(URI uri, String type, long size, long limit) {
        return new Result.Failed(30019, "media at " + uri + " is larger than the " + limit + " bytes allowed for "
                + type + " (at least " + size + " bytes)");
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
