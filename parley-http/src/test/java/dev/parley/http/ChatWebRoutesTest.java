package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The web chat's files: served without credentials, as JavaScript, cacheable, loadable from any site. */
class ChatWebRoutesTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;

    private String start(boolean demo) {
        HttpApi.Services services = new HttpApi.Services(null, null, null, null, null,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> true, null, null,
                null, new HttpApi.Conversations(null, null, null, null, null, new HttpApi.Users(null, null, null),
                        null, new HttpApi.AutoCreation(null, null, null, null, null), null), null,
                new HttpApi.Senders(null, null), null, null, null, demo);
        app = HttpApi.create("127.0.0.1", 0, "http://localhost", services);
        app.start();
        return "http://localhost:" + app.port();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private HttpResponse<String> get(String url, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Origin", "https://shop.example");
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void theLibraryAndTheWidgetAreServedWithoutCredentialsAsCacheableJavaScriptForAnyOrigin() throws Exception {
        String base = start(false);
        for (String path : new String[] {ChatWebRoutes.LIBRARY, ChatWebRoutes.WIDGET}) {
            HttpResponse<String> answer = get(base + path, null);

            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).as(path)
                    .hasValue("text/javascript; charset=utf-8");
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
            assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            String etag = answer.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).matches("\"[0-9a-f]{32}\"");

            HttpResponse<String> again = get(base + path, etag);
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(get(base + path, "\"stale\"").statusCode()).isEqualTo(200);
        }
        assertThat(get(base + ChatWebRoutes.LIBRARY, null).body()).contains("export function connect(")
                .contains("export const PROTOCOL = 1;");
        assertThat(get(base + ChatWebRoutes.WIDGET, null).body()).contains("document.currentScript")
                .contains("parley-chat.js");
    }

    @Test
    void theDemoPageIsServedOnlyWhenTurnedOn() throws Exception {
        String off = start(false);
        HttpResponse<String> missing = get(off + ChatWebRoutes.DEMO, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"code\":20404");
        app.stop();

        String on = start(true);
        HttpResponse<String> page = get(on + ChatWebRoutes.DEMO, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).matches("text/html; ?charset=utf-8");
        assertThat(page.body()).contains("/chat/v1/widget.js").contains("<label for=\"token\">");
    }
}
