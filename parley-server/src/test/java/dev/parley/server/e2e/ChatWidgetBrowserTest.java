package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.ChatGrant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
        }
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
