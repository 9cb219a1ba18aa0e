package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.Main;
import dev.parley.server.ParleyConfig;
import dev.parley.server.ParleyServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The README's walkthrough in a browser: an API key created through the API, a token minted by
 * {@code parley chat-token}, the demo page of a Parley started with {@code chat.demo=on}, the token pasted, a
 * message read and one written.
 */
class ChatDemoBrowserTest {
    private static final String SID = "AC" + "00112233445566778899aabbccddeeff";
    private static final String TOKEN = "demo-auth-token-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private JsonNode post(String base, String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s %s", path, answer.body()).isBetween(200, 201);
        return JSON.readTree(answer.body());
    }

    private JsonNode get(String base, String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN)
                        .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    @Test
    void aTokenFromParleyChatTokenPastedIntoTheDemoPageOpensTheIdentitysConversation() throws Exception {
        ParleyConfig config = ParleyConfig.defaults().withPort(0).withHost("127.0.0.1").withDataDir(dir)
                .withMainAccount(SID, TOKEN).withSmppPort(ParleyConfig.SMPP_OFF).withChatDemo(true);
        try (ParleyServer server = ParleyServer.start(config); Chromium chromium = Chromium.start()) {
            String base = "http://localhost:" + server.port();
            JsonNode key = post(base, "/2010-04-01/Accounts/" + SID + "/Keys.json", Map.of("FriendlyName", "web-chat"));
            String conversation = post(base, "/conversations/v1/Conversations", Map.of("FriendlyName", "Web support"))
                    .get("sid").asText();
            post(base, "/conversations/v1/Conversations/" + conversation + "/Participants",
                    Map.of("Identity", "visitor-1"));
            post(base, "/conversations/v1/Conversations/" + conversation + "/Messages",
                    Map.of("Author", "agent-ada", "Body", "Welcome! How can we help?"));

            StringWriter out = new StringWriter();
            var cli = Main.commandLine(Map.of("PARLEY_API_KEY_SECRET", key.get("secret").asText(),
                    "PARLEY_ACCOUNT_SID", SID));
            cli.setOut(new PrintWriter(out));
            assertThat(cli.execute("chat-token", "--api-key", key.get("sid").asText(), "--identity", "visitor-1"))
                    .isZero();
            String token = out.toString().strip();
            assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

            ChromeDriver driver = chromium.driver();
            chromium.emulate(1280, 800, false);
            driver.get(base + "/chat/demo");
            assertThat(driver.getTitle()).isEqualTo("Parley web chat demo");
            assertThat(chromium.axeViolations()).as("axe, the demo page").isEmpty();
            WebElement field = driver.findElement(By.id("token"));
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];",
                    field, token);
            driver.findElement(By.cssSelector("button[type=submit]")).click();

            await().atMost(WAIT).until(() -> String.valueOf(driver.executeScript("const h = document.querySelector("
                    + "'[data-parley-chat]'); return h ? h.shadowRoot.querySelector('.messages').textContent : '';"))
                    .contains("Welcome! How can we help?"));
            driver.findElement(By.cssSelector("[data-parley-chat]")).getShadowRoot()
                    .findElement(By.cssSelector("textarea")).sendKeys("My parcel is late" + Keys.ENTER);
            await().atMost(WAIT).until(() -> {
                List<String> bodies = new java.util.ArrayList<>();
                get(base, "/conversations/v1/Conversations/" + conversation + "/Messages").get("messages")
                        .forEach(m -> bodies.add(m.get("author").asText() + ": " + m.get("body").asText()));
                return bodies.equals(List.of("agent-ada: Welcome! How can we help?", "visitor-1: My parcel is late"));
            });
            assertThat(chromium.axeViolations()).as("axe, the demo page with the widget open").isEmpty();
            chromium.screenshot("demo-desktop-1280x800-light");
        }
    }

    @Test
    void withoutChatDemoThereIsNoDemoPage() throws Exception {
        ParleyConfig config = ParleyConfig.defaults().withPort(0).withHost("127.0.0.1").withDataDir(dir)
                .withMainAccount(SID, TOKEN).withSmppPort(ParleyConfig.SMPP_OFF);
        try (ParleyServer server = ParleyServer.start(config)) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + server.port() + "/chat/demo")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(answer.body()).get("code").asInt()).isEqualTo(20404);
        }
    }
}
