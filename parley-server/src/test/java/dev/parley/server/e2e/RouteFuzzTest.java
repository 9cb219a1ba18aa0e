package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every registered route, found by enumerating the server's route table (so a route added later is covered too),
 * driven with generated path parameters, query strings, bodies, content types and credentials against a real
 * Parley on SQLite; a quarter of the product APIs' requests come by host ({@code conversations.…/v1/…}) as
 * Twilio's SDKs send them. For each request: no 5xx, every error is Twilio's error JSON with the HTTP status in it, and a
 * refused request (4xx) changed no row of any table and enqueued no job.
 *
 * <p>The server's clock is frozen after the fixtures are made, so work a request enqueues for later never comes
 * due during the run and the database is still between requests; work due at once is awaited after each accepted
 * write ({@link FuzzWorld#settle}).
 */
class RouteFuzzTest {
    private static final String MAIN = RawHttp.basic(Parley.ACCOUNT_SID, Parley.AUTH_TOKEN);
    private static FuzzWorld world;
    private static List<String> routes;

    @BeforeContainer
    static void start() {
        world = FuzzWorld.start();
        routes = world.routes();
    }

    @AfterContainer
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    // No generated edge cases: jqwik would spend a third of the tries on the first and last route, and the value
    // generators name the edge cases that matter here (empty, NUL, lone surrogate, huge) themselves.
    // No shrinking: every try meets a live server that the tries before it changed, so a smaller sample need not fail
    // the same way (shrinking a SmppServerFuzzTest failure once kept millions of samples and filled the JVM's heap).
    @Property(tries = 1000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void noRouteAnswers5xxOrChangesDataWhenItRefuses(@ForAll("requests") FuzzRequest request) {
        FuzzWorld.Snapshot before = world.snapshot();
        RawHttp.Response response = world.send(request);

        assertThat(response.status()).as("%s answered %s", request, response.text()).isLessThan(500);
        if (response.status() >= 400) {
            assertTwilioError(request, response);
            assertThat(world.snapshot().differenceFrom(before))
                    .as("%s was refused with %s but changed tables", request, response.status())
                    .isEmpty();
        } else if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            world.settle();
            if (request.method().equals("DELETE")) {
                world.populateOwn(false);
                world.settle();
            }
        }
    }

    /** Shrunk from a failure: a 404 for a role of a service whose default roles did not exist yet created them. */
    @Example
    void fetchingOrUpdatingAnUnknownRoleOfANewServiceWritesNothing() {
        RawHttp.Response service = world.send(new FuzzRequest("(fixture)", "POST", "/conversations/v1/Services",
                MAIN, "application/x-www-form-urlencoded", "FriendlyName=roles".getBytes(StandardCharsets.UTF_8)));
        String roles = "/conversations/v1/Services/" + service.json().get("sid").asText()
                + "/Roles/RL" + "0".repeat(32);
        world.settle();

        for (String method : List.of("GET", "POST")) {
            FuzzWorld.Snapshot before = world.snapshot();
            FuzzRequest request = new FuzzRequest("(regression)", method, roles, MAIN,
                    "application/x-www-form-urlencoded", "Permission=sendMessage".getBytes(StandardCharsets.UTF_8));
            RawHttp.Response response = world.send(request);

            assertThat(response.status()).isEqualTo(404);
            assertTwilioError(request, response);
            assertThat(world.snapshot().differenceFrom(before)).isEmpty();
        }
    }

    /** Shrunk from a failure: a multipart content type over a urlencoded body, on a GET that reads the form. */
    @Example
    void aMultipartTypeOverAFormBodyIsRefusedEvenOnAGet() {
        FuzzRequest request = new FuzzRequest("(regression)", "GET", "/parley/v1/WebhookDeliveries", MAIN,
                "multipart/form-data", "To=%2B14155550100&Body=hi".getBytes(StandardCharsets.UTF_8));
        RawHttp.Response response = world.send(request);

        assertThat(response.status()).isEqualTo(400);
        assertTwilioError(request, response);
    }

    static void assertTwilioError(FuzzRequest request, RawHttp.Response response) {
        if (request.method().equals("HEAD")) {
            return;
        }
        JsonNode error = response.json();
        assertThat(error).as("%s answered %s with %s", request, response.status(), response.text()).isNotNull();
        assertThat(error.path("code").isInt()).as("code of %s", response.text()).isTrue();
        assertThat(error.path("message").isTextual()).as("message of %s", response.text()).isTrue();
        assertThat(error.path("more_info").asText())
                .isEqualTo("https://www.twilio.com/docs/errors/" + error.path("code").asInt());
        assertThat(error.path("status").asInt()).as("status of %s", response.text()).isEqualTo(response.status());
        assertThat(response.headers().get("content-type")).startsWith("application/json");
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        Arbitrary<String[]> target = Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.of(routes).flatMap(this::routeTarget)),
                Tuple.of(1, unknownTarget()));
        Arbitrary<Boolean> byHost = Arbitraries.of(false, false, false, true);
        return Combinators.combine(target, query(), body(), credentials(), byHost)
                .as((target3, query, body, auth, host) -> byProductHost(new FuzzRequest(target3[2], target3[0],
                        target3[1] + query, auth, body.contentType(), body.bytes()), host));
    }

    /**
     * The request as Twilio's SDKs address a product API when {@code host}: {@code /conversations/v1/X} becomes
     * {@code /v1/X} on a {@code conversations.} host, which Parley must serve as the first.
     */
    private static FuzzRequest byProductHost(FuzzRequest request, boolean host) {
        Matcher product = Pattern.compile("^/(messaging|conversations|mcs|content)(/v1(?:[/?].*)?)$")
                .matcher(request.target());
        if (!host || !product.matches()) {
            return request;
        }
        return new FuzzRequest(request.route(), request.method(), product.group(2), request.authorization(),
                request.contentType(), request.body(), product.group(1) + ".localhost");
    }

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");
    private static final List<String> METHODS = List.of("GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD");

    /** A route's method (mostly) and its template with every parameter filled. */
    private Arbitrary<String[]> routeTarget(String route) {
        String method = route.substring(0, route.indexOf(' '));
        String template = route.substring(route.indexOf(' ') + 1);
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(template);
        while (m.find()) {
            // The parameter's collection: the literal segment before it ("/Conversations/{Sid}").
            String before = template.substring(0, m.start());
            String collection = before.endsWith("/")
                    ? before.substring(before.lastIndexOf('/', before.length() - 2) + 1, before.length() - 1)
                    : "";
            names.add(m.group(1) + " " + FuzzWorld.collection(template, collection));
        }
        Arbitrary<String> methods = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(method)),
                Tuple.of(1, Arbitraries.of(METHODS)));
        Arbitrary<List<String>> values = Arbitraries.just(List.<String>of());
        for (String name : names) {
            values = values.flatMap(done -> pathValue(name).map(v -> {
                List<String> next = new ArrayList<>(done);
                next.add(v);
                return next;
            }));
        }
        return Combinators.combine(methods, values).as((chosen, filled) -> {
            StringBuilder path = new StringBuilder();
            Matcher p = PARAM.matcher(template);
            int i = 0;
            while (p.find()) {
                p.appendReplacement(path, Matcher.quoteReplacement(filled.get(i++)));
            }
            p.appendTail(path);
            return new String[] {chosen, path.toString(), route};
        });
    }

    /**
     * A path parameter ({@code "Name Collection"}): one of the account's own SIDs (mostly one of that collection),
     * another account's, a well-formed stranger, or junk.
     */
    private Arbitrary<String> pathValue(String nameAndCollection) {
        String name = nameAndCollection.substring(0, nameAndCollection.indexOf(' '));
        String collection = nameAndCollection.substring(nameAndCollection.indexOf(' ') + 1);
        Arbitrary<String> own = name.equals("AccountSid")
                ? Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(Parley.ACCOUNT_SID)),
                        Tuple.of(1, Arbitraries.of(world.subaccountSid())))
                : Arbitraries.frequencyOf(Tuple.of(3, newest(world.ownSids(collection))),
                        Tuple.of(1, newest(world.ownSids())));
        return Arbitraries.frequencyOf(
                Tuple.of(14, own),
                Tuple.of(1, Arbitraries.of(world.foreignSids())),
                Tuple.of(1, FuzzValues.strangerSid()),
                Tuple.of(2, FuzzValues.junkPathSegment()));
    }

    /**
     * One of the last few SIDs of a pool that grows during the run (fixtures made again after a delete), read when
     * the value is generated, so the newest resources are the ones used.
     */
    private static Arbitrary<String> newest(List<String> pool) {
        return Arbitraries.integers().between(1, 3).map(back -> pool.get(Math.max(0, pool.size() - back)));
    }

    private Arbitrary<String[]> unknownTarget() {
        Arbitrary<String> prefix = Arbitraries.of("/2010-04-01/", "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/",
                "/messaging/v1/", "/conversations/v1/", "/conversations/v1/Services/", "/mcs/v1/", "/parley/v1/",
                "/v1/", "/", "/content/v1/", "/healthz/");
        return Combinators.combine(Arbitraries.of(METHODS), prefix, FuzzValues.junkPathSegment(),
                Arbitraries.of("", ".json", "/", ".xml", "/Extra.json"))
                .as((method, p, segment, suffix) -> new String[] {method, p + "Zz" + segment + suffix,
                        "(unknown)"});
    }

    private static Arbitrary<String> query() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")),
                Tuple.of(2, FuzzValues.queryString()));
    }

    private static Arbitrary<FuzzBody> body() {
        return FuzzValues.body(world);
    }

    private static Arbitrary<String> credentials() {
        return Arbitraries.frequencyOf(
                Tuple.of(7, Arbitraries.just(MAIN)),
                Tuple.of(1, Arbitraries.just(RawHttp.basic(world.subaccountSid(),
                        world.subaccountToken()))),
                Tuple.of(1, Arbitraries.just(world.apiKeyAuthorization())),
                Tuple.of(1, Arbitraries.of("", "Basic", "Basic !!!not-base64",
                        "Basic " + java.util.Base64.getEncoder()
                                .encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)),
                        RawHttp.basic(Parley.ACCOUNT_SID, "wrong-token"), RawHttp.basic("", ""),
                        RawHttp.basic("SK" + "0".repeat(32), "x"), "Bearer eyJhbGciOiJub25lIn0.e30.",
                        RawHttp.basic(Parley.ACCOUNT_SID + "\u0000", Parley.AUTH_TOKEN))));
    }

    /** One generated request; its text is what a failure report shows. */
    record FuzzRequest(String route, String method, String target, String authorization, String contentType,
            byte[] body, String host) {
        FuzzRequest(String route, String method, String target, String authorization, String contentType,
                byte[] body) {
            this(route, method, target, authorization, contentType, body, null);
        }

        Map<String, String> headers() {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            if (host != null) {
                headers.put("Host", host);
            }
            if (!authorization.isEmpty()) {
                headers.put("Authorization", authorization);
            }
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            return headers;
        }

        @Override
        public String toString() {
            String shown = body == null ? "(no body)" : new String(body, StandardCharsets.UTF_8);
            return "(route " + route + ") " + method + " " + target + (host == null ? "" : " (Host " + host + ")")
                    + " [" + authorization + "] [" + contentType + "] "
                    + (shown.length() > 300 ? shown.substring(0, 300) + "…" : shown);
        }
    }

    /** A body and the content type it is sent with (null: no header). */
    record FuzzBody(String contentType, byte[] bytes) {
    }
}
