package dev.parley.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A small blocking client for a running Parley, authenticated with HTTP Basic. Every failure becomes a
 * {@link CliException} whose message is fit for the terminal: Twilio error JSON as {@code Error <code>:
 * <message>}, a refused connection as "Parley isn't running at …".
 */
final class ParleyApi {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http;

    ParleyApi(String baseUrl, String accountSid, String authToken) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** POSTs a form (keys may repeat, in order) and returns the JSON answer. */
    JsonNode postForm(String path, List<Map.Entry<String, String>> form) {
        String body = form.stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    /** Encodes one path segment or form value; {@code +} becomes {@code %2B}, so E.164 numbers survive. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        URI uri;
        try {
            uri = URI.create(baseUrl + path);
        } catch (IllegalArgumentException e) {
            throw new CliException("Invalid Parley URL '" + baseUrl + "': " + e.getMessage());
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
            throw new CliException("Invalid Parley URL '" + baseUrl + "': expected http://host:port");
        }
        return HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new CliException("Parley at " + baseUrl + " did not accept a connection within "
                    + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw new CliException("Parley at " + baseUrl + " did not answer " + request.method() + " "
                    + request.uri().getPath() + " within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new CliException("Parley isn't running at " + baseUrl
                    + " (connection refused). Start it with bin/parley, or pass --url.");
        } catch (IOException e) {
            throw new CliException("Cannot reach Parley at " + baseUrl + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted");
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() >= 400) {
            throw new CliException(errorMessage(response, json));
        }
        if (json == null) {
            throw new CliException("Unexpected answer from " + request.uri() + " (HTTP " + response.statusCode()
                    + "): not JSON: " + firstLine(response.body()));
        }
        return json;
    }

    private static String errorMessage(HttpResponse<String> response, JsonNode json) {
        if (json != null && json.hasNonNull("code") && json.hasNonNull("message")) {
            String hint = response.statusCode() == 401 ? " (check the account SID and auth token)" : "";
            return "Error " + json.get("code").asText() + ": " + json.get("message").asText() + hint;
        }
        return "Error: HTTP " + response.statusCode() + " from " + response.request().method() + " "
                + response.uri() + (response.body().isBlank() ? "" : ": " + firstLine(response.body()));
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
