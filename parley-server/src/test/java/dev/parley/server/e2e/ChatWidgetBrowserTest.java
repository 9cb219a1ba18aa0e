package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.ChatGrant;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The web chat widget in real headless Chromium, on a page of another origin that includes it with its one script
 * tag: keyboard, accessibility (axe-core), phone and desktop sizes in light and dark, and a conversation with an SMS
 * and a WhatsApp participant. Screenshots land in {@code target/chat-screenshots/}.
 */
class ChatWidgetBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Parley parley;
    private static Chromium chromium;

    @BeforeAll
    static void start() {
        parley = Parley.start(null, 3);
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (parley != null) {
                parley.close();
            }
        }
    }

    /** A token as a Twilio backend mints it, for an API key that is not Parley's: the widget must still render. */
    private static String unknownKeyToken(String identity) {
        AccessToken token = new AccessToken.Builder(Parley.ACCOUNT_SID, "SK" + "0".repeat(32),
                "not-a-key-of-this-parley-0123456789".getBytes(StandardCharsets.UTF_8)).identity(identity).ttl(600)
                .grant(new ChatGrant()).build();
        return token.toJwt();
    }

    @Test
    void theWidgetOpensAndClosesWithTheKeyboardAndPassesAxeAtPhoneAndDesktopSizesInLightAndDark() {
        try (WidgetHostPage page = new WidgetHostPage(parley.baseUrl(), "support", () -> unknownKeyToken("guest"))) {
            ChromeDriver driver = chromium.driver();
            chromium.emulate(1280, 800, false);
            driver.get(page.url());
            WebElement launcher = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> widget(driver).findElement(By.cssSelector(".launcher")), WebElement::isDisplayed);
            assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("false");
            assertThat(chromium.axeViolations()).as("axe, closed, light").isEmpty();

            // The page's own CSS (serif, red buttons) does not reach into the widget.
            assertThat(launcher.getCssValue("color")).isNotEqualTo("rgba(255, 0, 0, 1)");

            launcher.sendKeys(Keys.ENTER);
            WebElement panel = widget(driver).findElement(By.cssSelector("[role=dialog]"));
            await().atMost(Duration.ofSeconds(10)).until(panel::isDisplayed);
            assertThat(panel.getAttribute("aria-modal")).isEqualTo("true");
            assertThat(activeId(driver)).isEqualTo("parley-input");
            // The token names a key this Parley does not know, so the widget says it is not connected.
            await().atMost(Duration.ofSeconds(20)).until(() -> !widget(driver)
                    .findElement(By.cssSelector(".connection")).getText().isEmpty());

            // Tab stays inside the open panel.
            for (int i = 0; i < 8; i++) {
                new Actions(driver).sendKeys(Keys.TAB).perform();
                assertThat(insidePanel(driver)).as("focus after %d tabs", i + 1).isTrue();
            }
            assertThat(chromium.axeViolations()).as("axe, open, light").isEmpty();
            chromium.screenshot("widget-open-desktop-light-disconnected");

            new Actions(driver).sendKeys(Keys.ESCAPE).perform();
            await().atMost(Duration.ofSeconds(5)).until(() -> !panel.isDisplayed());
            assertThat(activeClass(driver)).contains("launcher");
            assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("false");

            for (boolean dark : List.of(false, true)) {
                chromium.emulate(390, 844, dark);
                launcher.click();
                await().atMost(Duration.ofSeconds(5)).until(panel::isDisplayed);
                // Under 480 px wide the panel takes the whole screen.
                assertThat(panel.getRect().getWidth()).isEqualTo(390);
                assertThat(panel.getRect().getHeight()).isEqualTo(844);
                assertThat(chromium.axeViolations()).as("axe, phone, dark=%s", dark).isEmpty();
                widget(driver).findElement(By.cssSelector(".close")).click();
                await().atMost(Duration.ofSeconds(5)).until(() -> !panel.isDisplayed());
            }
            chromium.emulate(1280, 800, true);
            assertThat(chromium.axeViolations()).as("axe, closed, dark").isEmpty();

            // The check sees inside the widget's shadow root: an unlabelled field there is reported.
            driver.executeScript("const input = document.createElement('input');"
                    + "document.querySelector('[data-parley-chat]').shadowRoot.querySelector('.root')"
                    + ".appendChild(input);");
            String planted = "label: [[\"div[data-parley-chat=\\\"\\\"]\",\"input\"]]";
            assertThat(chromium.axeViolations()).anyMatch(v -> v.startsWith(planted));
        }
    }

    @Test
    void aCustomerInTheBrowserChatsWithSmsAndWhatsAppParticipantsSeesTypingReceiptsAndHistoryAndPassesAxe() {
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        String customer = "customer-" + suffix;
        String agent = "agent-" + suffix;
        IncomingPhoneNumber proxy = Fixtures.number(parley.client(), null, null);
        String proxyNumber = proxy.getPhoneNumber().toString();
        assertThat(parley.post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/"
                + proxy.getSid() + ".json", Map.of("WhatsAppChannel", "simulator")).status()).isEqualTo(200);
        String sms = Fixtures.handset();
        String whatsApp = "whatsapp:" + Fixtures.handset();
        // The WhatsApp user wrote first, which opens WhatsApp's 24-hour window for free-form messages.
        assertThat(parley.post("/parley/v1/Simulator/Messages", Map.of("From", whatsApp,
                "To", "whatsapp:" + proxyNumber, "Body", "hi")).status()).isEqualTo(201);
        Conversation c = Conversation.creator().setFriendlyName("Acme support").create(parley.client());
        Participant.creator(c.getSid()).setMessagingBindingAddress(sms).setMessagingBindingProxyAddress(proxyNumber)
                .create(parley.client());
        Participant.creator(c.getSid()).setMessagingBindingAddress(whatsApp)
                .setMessagingBindingProxyAddress("whatsapp:" + proxyNumber).create(parley.client());
        Participant.creator(c.getSid()).setIdentity(customer).create(parley.client());
        Participant.creator(c.getSid()).setIdentity(agent).create(parley.client());
        ChatTokens.Key key = ChatTokens.key(parley);

        try (WidgetHostPage page = new WidgetHostPage(parley.baseUrl(), null,
                () -> ChatTokens.token(parley, key, customer, null));
                ChatClient agentSocket = ChatClient.authenticated(parley.port(),
                        ChatTokens.token(parley, key, agent, null))) {
            ChromeDriver driver = chromium.driver();
            chromium.emulate(1280, 800, false);
            driver.get(page.url());
            openWidget(driver);
            // Who is in the thread, on which channel.
            await().atMost(WAIT).untilAsserted(() -> assertThat(people(driver)).containsExactlyInAnyOrder(
                    sms + " (SMS)", whatsApp + " (WhatsApp)", "You (Chat)", agent + " (Chat)"));
            assertThat(page.tokensServed()).isPositive();

            // The customer writes; both handsets receive it; its delivery state follows the handsets' receipts.
            type(driver, "Hello from the browser" + Keys.ENTER);
            awaitInbox(sms, proxyNumber, "Hello from the browser");
            awaitInbox(whatsApp, "whatsapp:" + proxyNumber, "Hello from the browser");
            await().atMost(WAIT).untilAsserted(() -> assertThat(messages(driver))
                    .contains(List.of("mine", "You:", "Hello from the browser", "delivered")));
            assertThat(text(driver, ".problem")).isEmpty();

            // The handsets answer, and the agent (another chat client) types, then reads.
            simulate(sms, proxyNumber, "Hi from SMS");
            simulate(whatsApp, "whatsapp:" + proxyNumber, "Hi from WhatsApp");
            await().atMost(WAIT).untilAsserted(() -> assertThat(messages(driver)).containsSubsequence(
                    List.of("mine", "You:", "Hello from the browser", "delivered"),
                    List.of("theirs", sms + " · SMS", "Hi from SMS", ""),
                    List.of("theirs", whatsApp + " · WhatsApp", "Hi from WhatsApp", "")));
            assertThat(text(driver, ".announcer")).contains(sms + ": Hi from SMS")
                    .contains(whatsApp + ": Hi from WhatsApp");

            agentSocket.send(Map.of("type", "typing", "conversation_sid", c.getSid()));
            await().atMost(WAIT).until(() -> text(driver, ".typing").equals(agent + " is typing…"));
            chromium.screenshot("widget-typing-desktop-light");

            long mine = Long.parseLong(String.valueOf(driver.executeScript("return document.querySelector("
                    + "'[data-parley-chat]').shadowRoot.querySelector('.message.mine').dataset.index;")));
            agentSocket.send(Map.of("type", "read", "id", "r1", "conversation_sid", c.getSid(), "index", mine));
            await().atMost(WAIT).untilAsserted(() -> assertThat(messages(driver))
                    .contains(List.of("mine", "You:", "Hello from the browser", "read")));
            // The widget moved the customer's own read horizon to the newest message it showed.
            await().atMost(WAIT).until(() -> agentSocket.received().stream().anyMatch(f -> f.path("type").asText()
                    .equals("read") && f.path("identity").asText().equals(customer)
                    && f.path("last_read_message_index").asLong() >= mine + 2));

            agentSocket.send(Map.of("type", "send", "id", "s1", "conversation_sid", c.getSid(),
                    "client_message_id", "agent-1", "body", "Agent here: how can I help?"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(messages(driver))
                    .contains(List.of("theirs", agent + " · Chat", "Agent here: how can I help?", "")));
            await().atMost(WAIT).until(() -> text(driver, ".typing").isEmpty());

            for (int[] size : new int[][] {{1280, 800}, {390, 844}}) {
                for (boolean dark : List.of(false, true)) {
                    chromium.emulate(size[0], size[1], dark);
                    assertThat(chromium.axeViolations()).as("axe, %dx%d, dark=%s", size[0], size[1], dark).isEmpty();
                    chromium.screenshot("widget-" + (size[0] < 480 ? "phone" : "desktop") + "-" + size[0] + "x"
                            + size[1] + "-" + (dark ? "dark" : "light"));
                }
            }

            // After a reload the history is there, in order, with the delivery state of the customer's message.
            chromium.emulate(1280, 800, false);
            driver.navigate().refresh();
            openWidget(driver);
            await().atMost(WAIT).untilAsserted(() -> assertThat(messages(driver)).containsExactly(
                    List.of("mine", "You:", "Hello from the browser", "read"),
                    List.of("theirs", sms + " · SMS", "Hi from SMS", ""),
                    List.of("theirs", whatsApp + " · WhatsApp", "Hi from WhatsApp", ""),
                    List.of("theirs", agent + " · Chat", "Agent here: how can I help?", "")));
            assertThat(Message.reader(c.getSid()).read(parley.client())).extracting(Message::getBody)
                    .containsExactly("Hello from the browser", "Hi from SMS", "Hi from WhatsApp",
                            "Agent here: how can I help?");
        }
    }

    @Test
    void aNewVisitorStartsAConversationThroughTheChatAddressWithTheirFirstMessage() {
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        String address = "support-" + suffix;
        String visitor = "visitor-" + suffix;
        AddressConfiguration.creator(AddressConfiguration.Type.CHAT, address).setAutoCreationEnabled(true)
                .setAutoCreationType(AddressConfiguration.AutoCreationType.DEFAULT).create(parley.client());
        ChatTokens.Key key = ChatTokens.key(parley);

        try (WidgetHostPage page = new WidgetHostPage(parley.baseUrl(), address,
                () -> ChatTokens.token(parley, key, visitor, null))) {
            ChromeDriver driver = chromium.driver();
            chromium.emulate(1280, 800, false);
            driver.get(page.url());
            openWidget(driver);
            await().atMost(WAIT).until(() -> text(driver, ".messages")
                    .equals("Write a message to start a conversation."));

            type(driver, "I need help with my order" + Keys.ENTER);
            await().atMost(WAIT).untilAsserted(() -> assertThat(messages(driver))
                    .containsExactly(List.of("mine", "You:", "I need help with my order", "sent")));
            await().atMost(WAIT).untilAsserted(() -> assertThat(people(driver)).containsExactly("You (Chat)"));
            type(driver, "It is order 1042" + Keys.ENTER);
            await().atMost(WAIT).untilAsserted(() -> assertThat(messages(driver)).containsExactly(
                    List.of("mine", "You:", "I need help with my order", "sent"),
                    List.of("mine", "You:", "It is order 1042", "sent")));

            List<Message> stored = new java.util.ArrayList<>();
            for (Conversation c : Conversation.reader().read(parley.client())) {
                for (Message m : Message.reader(c.getSid()).read(parley.client())) {
                    if (visitor.equals(m.getAuthor())) {
                        stored.add(m);
                    }
                }
            }
            assertThat(stored).extracting(Message::getBody)
                    .containsExactly("I need help with my order", "It is order 1042");
            assertThat(stored).extracting(Message::getConversationSid).containsOnly(stored.get(0)
                    .getConversationSid());
            assertThat(driver.executeScript("return document.querySelector('[data-parley-chat]').shadowRoot"
                    + ".querySelector('.message.mine').dataset.sid;")).isEqualTo(stored.get(0).getSid());
        }
    }

    @Test
    void olderMessagesLoadWithTheButtonAndTheRefreshedTokenKeepsTheConnection() {
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        String reader = "reader-" + suffix;
        Conversation c = Conversation.creator().setFriendlyName("Long thread").create(parley.client());
        Participant.creator(c.getSid()).setIdentity(reader).create(parley.client());
        for (int i = 0; i < 35; i++) {
            Message.creator(c.getSid()).setAuthor("agent").setBody("Update " + i).create(parley.client());
        }
        ChatTokens.Key key = ChatTokens.key(parley);

        try (WidgetHostPage page = new WidgetHostPage(parley.baseUrl(), null,
                () -> ChatTokens.token(parley, key, reader, null))) {
            ChromeDriver driver = chromium.driver();
            chromium.emulate(1280, 800, false);
            driver.get(page.url());
            openWidget(driver);
            await().atMost(WAIT).until(() -> messages(driver).size() == 30);
            assertThat(messages(driver).get(0).get(2)).isEqualTo("Update 5");
            WebElement older = widget(driver).findElement(By.cssSelector(".older"));
            assertThat(older.isDisplayed()).isTrue();
            older.sendKeys(Keys.ENTER);
            await().atMost(WAIT).until(() -> messages(driver).size() == 35);
            assertThat(messages(driver)).extracting(m -> m.get(2)).startsWith("Update 0", "Update 1")
                    .endsWith("Update 34");
            await().atMost(WAIT).until(() -> !older.isDisplayed());
            int tokens = page.tokensServed();

            // Three minutes before the token expires the server says so; the widget asks the page's backend for a
            // new token and refreshes. Past the first token's expiry the connection still serves.
            parley.advance(Duration.ofMinutes(58));
            await().atMost(WAIT).until(() -> page.tokensServed() > tokens);
            parley.advance(Duration.ofMinutes(5));
            Message.creator(c.getSid()).setAuthor("agent").setBody("Still there?").create(parley.client());
            await().atMost(WAIT).until(() -> messages(driver).size() == 36);
            assertThat(text(driver, ".connection")).isEmpty();
            assertThat(page.tokensServed()).isEqualTo(tokens + 1);
        }
    }

    /**
     * parley-chat.js on its own, in the browser, against a scripted stand-in for the server's socket: what it sends
     * after a drop (a fresh token, {@code resume} with the last index seen, the unanswered send again with its
     * client_message_id), duplicates dropped, token_expiring answered with refresh, a 4403 ending it for good.
     */
    @Test
    void theClientResumesAfterADropResendsAnUnansweredSendWithItsIdAndStopsOnARefusal() throws Exception {
        try (WidgetHostPage page = new WidgetHostPage(parley.baseUrl(), null, () -> "unused")) {
            ChromeDriver driver = chromium.driver();
            driver.get(page.url());
            Object raw = driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    (async () => {
                      const { ChatClient } = await import(arguments[0]);
                      const sockets = [];
                      class FakeSocket {
                        constructor(url) { this.url = url; this.sent = []; this.readyState = 0; sockets.push(this);
                          setTimeout(() => { this.readyState = 1; this.onopen(); }, 0); }
                        send(text) { this.sent.push(JSON.parse(text)); }
                        close() { this.readyState = 3; }
                        say(frame) { this.onmessage({ data: JSON.stringify(frame) }); }
                        drop(code) { this.readyState = 3; this.onclose({ code, reason: "test" }); }
                      }
                      const until = async (test) => {
                        for (let i = 0; i < 500 && !test(); i++) { await new Promise(r => setTimeout(r, 10)); }
                        if (!test()) { throw new Error("timed out waiting for " + test); }
                      };
                      let tokens = 0;
                      const client = new ChatClient({ url: "ws://chat.test/chat", WebSocket: FakeSocket,
                        getToken: async () => "token-" + (++tokens), backoff: { initialMs: 20, maxMs: 80 } });
                      const states = [], messages = [];
                      client.on("state", e => states.push(e.state));
                      client.on("message", e => messages.push(e.message.index));
                      client.open();
                      await until(() => sockets.length === 1 && sockets[0].sent.length === 1);
                      const first = sockets[0];
                      first.say({ type: "authenticated", protocol: 1, identity: "alice" });
                      first.say({ type: "message", conversation_sid: "CH1", message: { sid: "IM5", index: 5 } });
                      first.say({ type: "message", conversation_sid: "CH1", message: { sid: "IM5", index: 5 } });
                      const sending = client.send("CH1", "hello");
                      await until(() => first.sent.length === 2);
                      first.drop(1006);
                      await until(() => sockets.length === 2 && sockets[1].sent.length === 1);
                      const second = sockets[1];
                      second.say({ type: "authenticated", protocol: 1, identity: "alice" });
                      await until(() => second.sent.length === 2);
                      const resent = second.sent[1];
                      second.say({ type: "sent", id: resent.id, client_message_id: resent.client_message_id,
                        message: { sid: "IM6", index: 6 } });
                      const stored = await sending;
                      second.say({ type: "token_expiring", expires_at: "2026-12-06T13:00:00Z" });
                      await until(() => second.sent.length === 3);
                      second.drop(4403);
                      await new Promise(r => setTimeout(r, 300));
                      done(JSON.stringify({ firstAuth: first.sent[0], send: first.sent[1], secondAuth: second.sent[0],
                        resent, stored, refresh: second.sent[2], sockets: sockets.length, states, messages,
                        url: first.url }));
                    })().catch(e => done("error: " + e));
                    """, parley.baseUrl() + "/chat/v1/parley-chat.js");
            String text = String.valueOf(raw);
            assertThat(text).doesNotStartWith("error:");
            JsonNode r = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);

            assertThat(r.get("url").asText()).isEqualTo("ws://chat.test/chat");
            assertThat(r.get("firstAuth").get("type").asText()).isEqualTo("authenticate");
            assertThat(r.get("firstAuth").get("token").asText()).isEqualTo("token-1");
            assertThat(r.get("firstAuth").get("protocol").asInt()).isEqualTo(1);
            assertThat(r.get("firstAuth").has("resume")).isFalse();
            assertThat(r.get("send").get("client_message_id").asText()).isNotBlank();
            // After the drop: a fresh token, the last index seen, and the unanswered send again, same id and body.
            assertThat(r.get("secondAuth").get("token").asText()).isEqualTo("token-2");
            assertThat(r.get("secondAuth").get("resume").get("CH1").asInt()).isEqualTo(5);
            assertThat(r.get("resent")).isEqualTo(r.get("send"));
            assertThat(r.get("stored").get("sid").asText()).isEqualTo("IM6");
            assertThat(r.get("messages")).hasSize(1);
            assertThat(r.get("refresh").get("type").asText()).isEqualTo("refresh");
            assertThat(r.get("refresh").get("token").asText()).isEqualTo("token-3");
            // 4403: no third socket, and the client says it is closed.
            assertThat(r.get("sockets").asInt()).isEqualTo(2);
            assertThat(r.get("states").toString())
                    .isEqualTo("[\"connecting\",\"connected\",\"reconnecting\",\"connecting\",\"connected\",\"closed\"]");
        }
    }

    @Test
    void aVisitorWithoutAConversationSeesTheOneAnAgentAddsThemToWhileTheWidgetIsOpen() {
        String visitor = "waiting-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        ChatTokens.Key key = ChatTokens.key(parley);
        try (WidgetHostPage page = new WidgetHostPage(parley.baseUrl(), null,
                () -> ChatTokens.token(parley, key, visitor, null))) {
            ChromeDriver driver = chromium.driver();
            chromium.emulate(1280, 800, false);
            driver.get(page.url());
            openWidget(driver);
            await().atMost(WAIT).until(() -> text(driver, ".messages").equals("No conversation yet."));

            Conversation c = Conversation.creator().setFriendlyName("Callback").create(parley.client());
            Participant.creator(c.getSid()).setIdentity(visitor).create(parley.client());
            Participant.creator(c.getSid()).setIdentity("agent-bo").create(parley.client());
            Message.creator(c.getSid()).setAuthor("agent-bo").setBody("We tried to call you").create(parley.client());

            await().atMost(WAIT).untilAsserted(() -> assertThat(messages(driver))
                    .containsExactly(List.of("theirs", "agent-bo · Chat", "We tried to call you", "")));
            assertThat(people(driver)).containsExactlyInAnyOrder("You (Chat)", "agent-bo (Chat)");
        }
    }

    private static void openWidget(ChromeDriver driver) {
        WebElement launcher = await().atMost(WAIT).ignoreExceptions()
                .until(() -> widget(driver).findElement(By.cssSelector(".launcher")), WebElement::isDisplayed);
        launcher.click();
        await().atMost(WAIT).until(() -> widget(driver).findElement(By.cssSelector("[role=dialog]")).isDisplayed());
    }

    private static void type(ChromeDriver driver, CharSequence... keys) {
        widget(driver).findElement(By.cssSelector("textarea")).sendKeys(keys);
    }

    private static String text(ChromeDriver driver, String selector) {
        return String.valueOf(driver.executeScript("return document.querySelector('[data-parley-chat]').shadowRoot"
                + ".querySelector(arguments[0]).textContent;", selector)).strip();
    }

    /** Each message shown: mine or theirs, the author line, the body, the delivery state (mine only). */
    @SuppressWarnings("unchecked")
    private static List<List<String>> messages(ChromeDriver driver) {
        return (List<List<String>>) driver.executeScript("return [...document.querySelector('[data-parley-chat]')"
                + ".shadowRoot.querySelectorAll('.messages .message')].map(li => ["
                + "li.classList.contains('mine') ? 'mine' : 'theirs',"
                + "li.firstElementChild.textContent.trim(), li.querySelector('.body').textContent,"
                + "li.querySelector('.status') ? li.querySelector('.status').dataset.status : '']);");
    }

    @SuppressWarnings("unchecked")
    private static List<String> people(ChromeDriver driver) {
        return (List<String>) driver.executeScript("return [...document.querySelector('[data-parley-chat]')"
                + ".shadowRoot.querySelectorAll('.people li')].map(li => li.textContent);");
    }

    private static void simulate(String from, String to, String body) {
        assertThat(parley.post("/parley/v1/Simulator/Messages", Map.of("From", from, "To", to, "Body", body))
                .status()).isEqualTo(201);
    }

    private static void awaitInbox(String handset, String from, String body) {
        await().atMost(WAIT).until(() -> {
            JsonNode inbox = parley.get("/parley/v1/Simulator/Handsets/" + handset.replace("+", "%2B")
                    + "/Messages").json().get("messages");
            for (JsonNode m : inbox) {
                if (m.get("body").asText().equals(body) && m.get("from").asText().equals(from)) {
                    return true;
                }
            }
            return false;
        });
    }

    static SearchContext widget(ChromeDriver driver) {
        return driver.findElement(By.cssSelector("[data-parley-chat]")).getShadowRoot();
    }

    private static String activeId(ChromeDriver driver) {
        return String.valueOf(driver.executeScript("const a = document.querySelector('[data-parley-chat]')"
                + ".shadowRoot.activeElement; return a ? a.id : null;"));
    }

    private static String activeClass(ChromeDriver driver) {
        return String.valueOf(driver.executeScript("const a = document.querySelector('[data-parley-chat]')"
                + ".shadowRoot.activeElement; return a ? a.className : null;"));
    }

    private static boolean insidePanel(ChromeDriver driver) {
        return Boolean.TRUE.equals(driver.executeScript("const r = document.querySelector('[data-parley-chat]')"
                + ".shadowRoot; return !!r.activeElement && r.querySelector('.panel').contains(r.activeElement);"));
    }
}
