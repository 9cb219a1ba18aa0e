package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks every link of every answer an end-to-end run recorded ({@link LinkRecorder}) and asserts that each answers a
 * 2xx to an authenticated GET, with the credentials of the answer that advertised it. A link whose resource was
 * deleted later in the run is skipped, but only when that resource's own URL now answers 404 (a dead link of a live
 * resource fails); so are the links seen with credentials that no longer authenticate (a key revoked, a subaccount
 * closed, later in the run) and signed temporary URLs whose time the tests' clock moved past. Two links Twilio
 * advertises cannot answer a bare GET on Twilio either ({@link #NEEDS_FILTER}, {@link #CREATE_ONLY}): they are
 * walked the way Twilio documents them. Every failure is reported at once, with the request whose answer
 * advertised it.
 */
final class LinkWalker {
    /**
     * Links Twilio itself advertises (a Conversation Service's) to a list that needs a filter: Twilio answers a GET
     * without {@code Identity} or {@code Address} with a 400, so the walk names a participant.
     */
    private static final Pattern NEEDS_FILTER = Pattern.compile(".*/ParticipantConversations");
    /**
     * Links Twilio advertises to a create-only resource (no GET on Twilio either): the walk checks that the route is
     * served by a POST that is refused for a bad value (400, nothing created) rather than answered 404.
     */
    private static final Pattern CREATE_ONLY = Pattern.compile(
            ".*/(ConversationWithParticipants|ApprovalRequests/whatsapp)");
    private static final Pattern EXPIRES = Pattern.compile("[?&]Expires=(\\d+)");
    private final String baseUrl;
    private final Instant now;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Integer> statuses = new HashMap<>();

    private LinkWalker(String baseUrl, Instant now) {
        this.baseUrl = baseUrl;
        this.now = now;
    }

    /** What a walk found. */
    record Walk(int walked, int skipped, List<String> failures) {
    }

    static Walk walk(Parley parley) {
        return new LinkWalker(parley.baseUrl(), parley.clock().instant()).walk(parley.links().links());
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
            unique.putIfAbsent(link.credentials() + " " + link.path(), link);
        }
        List<String> failures = new ArrayList<>();
        int skipped = 0;
        for (LinkRecorder.Link link : unique.values()) {
            if (expired(link.path())) {
                skipped++;
                continue;
            }
            int status = CREATE_ONLY.matcher(link.path()).matches() ? refusedCreate(link.path(), link.credentials())
                    : status(NEEDS_FILTER.matcher(link.path()).matches() ? link.path() + "?Identity=link-walker"
                            : link.path(), link.credentials());
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

    /** A signed temporary URL whose time is over by the server's clock (which the tests move forward). */
    private boolean expired(String path) {
        Matcher expires = EXPIRES.matcher(path);
        return expires.find() && Instant.ofEpochSecond(Long.parseLong(expires.group(1))).isBefore(now);
    }

    /** 200 when a POST with a bad {@code State} is refused with Twilio's 400 (the route is served), else its status. */
    private int refusedCreate(String path, LinkRecorder.Credentials credentials) {
        HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)), credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("State=not-a-state")).build();
        int status = send(request);
        return status == 400 ? 200 : status;
    }

    /** Whether {@code credentials} still open the API: a revoked key or closed account no longer does. */
    private boolean authenticates(LinkRecorder.Credentials credentials) {
        return status("/2010-04-01/Accounts.json", credentials) != 401;
    }

    private int status(String path, LinkRecorder.Credentials credentials) {
        return statuses.computeIfAbsent(credentials + " " + path, key -> get(path, credentials));
    }

    private int get(String path, LinkRecorder.Credentials credentials) {
        return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)), credentials).GET().build());
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, LinkRecorder.Credentials credentials) {
        return request.header("Authorization", RawHttp.basic(credentials.user(), credentials.password()));
    }

    private int send(HttpRequest request) {
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
