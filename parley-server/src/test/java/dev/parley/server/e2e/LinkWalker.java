package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Walks every link of every answer an end-to-end run recorded ({@link LinkRecorder}) and asserts that each answers a
 * 2xx to an authenticated GET, with the credentials of the answer that advertised it. A link whose resource was
 * deleted later in the run is skipped, but only when that resource's own URL now answers 404 (a dead link of a live
 * resource fails); so are the links seen with credentials that no longer authenticate (a key revoked, a subaccount
 * closed, later in the run). Every failure is reported at once, with the request whose answer advertised it.
 */
final class LinkWalker {
    /**
     * A Messaging Service's links to its sender pools and to features Parley lacks, which another change of issue 11
     * serves or removes. TODO(lead): remove this exclusion once that change is merged.
     */
    private static final Pattern ELSEWHERE = Pattern.compile("/messaging/v1/Services/MG[0-9a-f]{32}/"
            + "(ShortCodes|AlphaSenders|ChannelSenders|DestinationAlphaSenders|Messages|Compliance/Usa2p"
            + "|Compliance/Usa2p/Usecases)");
    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Integer> statuses = new HashMap<>();

    private LinkWalker(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** What a walk found. */
    record Walk(int walked, int skipped, List<String> failures) {
    }

    static Walk walk(Parley parley) {
        return new LinkWalker(parley.baseUrl()).walk(parley.links().links());
    }

    /** Walks the links of {@code parley}'s run and fails with every link that did not answer 2xx. */
    static void assertEveryLinkResolves(Parley parley) {
        Walk walk = walk(parley);
        assertThat(walk.walked()).as("links walked").isPositive();
        assertThat(walk.failures()).as("links that did not answer 2xx (%d walked, %d skipped)", walk.walked(),
                walk.skipped()).isEmpty();
    }

    private Walk walk(List<LinkRecorder.Link> recorded) {
        // One GET per link and credentials: the first answer that advertised it is the one reported.
        Map<String, LinkRecorder.Link> unique = new LinkedHashMap<>();
        for (LinkRecorder.Link link : recorded) {
            if (!ELSEWHERE.matcher(link.path()).lookingAt()) {
                unique.putIfAbsent(link.credentials() + " " + link.path(), link);
            }
        }
        List<String> failures = new ArrayList<>();
        int skipped = 0;
        for (LinkRecorder.Link link : unique.values()) {
            int status = status(link.path(), link.credentials());
            if (status / 100 == 2) {
                continue;
            }
            if (!authenticates(link.credentials())
                    || link.owner() != null && status(link.owner(), link.credentials()) == 404) {
                skipped++;
                continue;
            }
            failures.add("GET " + link.path() + " answered " + status + "; advertised by the answer to "
                    + link.advertisedBy() + " (as " + link.credentials().user() + ")");
        }
        return new Walk(unique.size() - skipped, skipped, failures);
    }

    /** Whether {@code credentials} still open the API: a revoked key or closed account no longer does. */
    private boolean authenticates(LinkRecorder.Credentials credentials) {
        return status("/2010-04-01/Accounts.json", credentials) != 401;
    }

    private int status(String path, LinkRecorder.Credentials credentials) {
        return statuses.computeIfAbsent(credentials + " " + path, key -> get(path, credentials));
    }

    private int get(String path, LinkRecorder.Credentials credentials) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET()
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
