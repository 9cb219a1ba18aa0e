package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The route table. Javalin serves a request with the first route of its method, in registration order, whose
 * path matches; HttpApi registers the hot Messages routes first. That is safe only while no request path can
 * match two routes of one method, which this checks for every pair.
 */
class HttpApiRoutesTest {
    private static List<ParsedEndpoint> routes;

    @BeforeAll
    static void registerWithoutStarting() {
        HttpApi.Services services = new HttpApi.Services(null, null, null, null, null, null, () -> true, null, null,
                null, new HttpApi.Conversations(null, null, null, null, null, new HttpApi.Users(null, null, null),
                        null, new HttpApi.AutoCreation(null, null, null, null, null), null), null,
                new HttpApi.Senders(null, null), null, null, null);
        Javalin app = HttpApi.create("127.0.0.1", 0, "http://localhost", services);
        routes = app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(r -> r.endpoint.method.isHttpMethod())
                .toList();
    }

    @Test
    void noPathMatchesTwoRoutesOfOneMethod() {
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            for (int j = i + 1; j < routes.size(); j++) {
                ParsedEndpoint a = routes.get(i);
                ParsedEndpoint b = routes.get(j);
                if (a.endpoint.method == b.endpoint.method && overlap(a.endpoint.path, b.endpoint.path)) {
                    overlaps.add(a.endpoint.method + " " + a.endpoint.path + " and " + b.endpoint.path);
                }
            }
        }
        assertThat(routes).hasSizeGreaterThan(50);
        assertThat(overlaps).isEmpty();
    }

    @Test
    void messagesAreTheFirstRoutesTried() {
        String create = "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json";
        ParsedEndpoint first = routes.stream().filter(r -> r.endpoint.method == HandlerType.POST).findFirst()
                .orElseThrow();

        assertThat(first.endpoint.path).isEqualTo("/2010-04-01/Accounts/{AccountSid}/Messages.json");
        assertThat(first.matches(create)).isTrue();
    }

    @Test
    void theOverlapCheckFindsOverlaps() {
        assertThat(overlap("/a/{Sid}.json", "/a/b.json")).isTrue();
        assertThat(overlap("/a/{Sid}", "/a/{Other}")).isTrue();
        assertThat(overlap("/a/{Sid}.json", "/a/{Sid}/b.json")).isFalse();
        assertThat(overlap("/a/{Sid}.json", "/a/b.xml")).isFalse();
        assertThat(overlap("/a/{Sid}.json", "/a/.json")).isFalse();
        assertThat(overlap("/a/x{Sid}", "/a/{Sid}y")).isTrue();
        assertThat(overlap("/a/x{Sid}", "/a/y{Sid}")).isFalse();
        assertThat(overlap("/a/b/", "/a/b")).isTrue();
    }

    /**
     * Whether some path matches both templates. Javalin matches {@code {name}} to one or more characters other
     * than '/', and ignores a trailing slash. Two templates overlap when they have as many segments and each pair
     * of segments can match one text; for two segments that both hold a parameter this is judged on their literal
     * prefixes and suffixes, which may only say "overlap" too often, never too rarely.
     */
    static boolean overlap(String a, String b) {
        String[] sa = segments(a);
        String[] sb = segments(b);
        if (sa.length != sb.length) {
            return false;
        }
        for (int i = 0; i < sa.length; i++) {
            if (!segmentsOverlap(sa[i], sb[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    private static boolean segmentsOverlap(String a, String b) {
        boolean paramA = a.contains("{");
        boolean paramB = b.contains("{");
        if (!paramA && !paramB) {
            return a.equals(b);
        }
        if (!paramA || !paramB) {
            String literal = paramA ? b : a;
            String template = paramA ? a : b;
            StringBuilder regex = new StringBuilder();
            for (String part : template.split("\\{[^}]*}", -1)) {
                regex.append(regex.isEmpty() ? "" : "[^/]+?").append(Pattern.quote(part));
            }
            return literal.matches(regex.toString());
        }
        String prefixA = a.substring(0, a.indexOf('{'));
        String prefixB = b.substring(0, b.indexOf('{'));
        String suffixA = a.substring(a.lastIndexOf('}') + 1);
        String suffixB = b.substring(b.lastIndexOf('}') + 1);
        return (prefixA.startsWith(prefixB) || prefixB.startsWith(prefixA))
                && (suffixA.endsWith(suffixB) || suffixB.endsWith(suffixA));
    }
}
