package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.usage.record.Today;
import com.twilio.type.PhoneNumber;
import dev.parley.server.ConfigKey;
import dev.parley.server.InvalidConfigException;
import dev.parley.server.ParleyConfig;
import dev.parley.server.ParleyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's price table: chosen by prices.file or PARLEY_PRICES_FILE, used for prices, refused when bad. */
class PriceTableStartupTest {
    private static final String SID = "AC" + "abcdef0123456789".repeat(2);
    private static final String TOKEN = "prices-test-token-0123456789";

    private static ParleyConfig config(Path dataDir, Path prices) {
        return new ParleyConfig("127.0.0.1", 0, dataDir, null, null, SID, TOKEN, Duration.ofMillis(20), null, 3, 3,
                16).withPricesFile(prices);
    }

    @Test
    void aMalformedPriceFileStopsStartupNamingTheSettingTheFileAndTheLine(@TempDir Path dir) throws IOException {
        Path prices = Files.writeString(dir.resolve("prices.txt"), "currency USD\n\nsms outbound US 0.0079\n");
        Path dataDir = dir.resolve("data");
        assertThatThrownBy(() -> ParleyServer.start(config(dataDir, prices)))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.key()).isEqualTo(ConfigKey.PRICES_FILE))
                .hasMessageContaining("prices.file (PARLEY_PRICES_FILE)")
                .hasMessageContaining(prices.toAbsolutePath() + " line 3:");
        assertThat(dataDir).doesNotExist();

        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> ParleyServer.start(config(dataDir, missing)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString());
    }

    @Test
    void theOperatorsTablePricesMessagesAndUsage(@TempDir Path dir) throws IOException {
        Path prices = Files.writeString(dir.resolve("prices.txt"), """
                currency USD
                sms outbound US 0.01 segment
                sms *        *  0.02 segment
                """);
        try (ParleyServer server = ParleyServer.start(config(dir.resolve("data"), prices))) {
            TwilioRestClient client = dev.parley.twilio.Parley.restClient("http://localhost:" + server.port(), SID,
                    TOKEN);
            PhoneNumber from = IncomingPhoneNumber.creator("415").create(client).getPhoneNumber();
            Message m = Message.creator(new PhoneNumber(Fixtures.handset()), from, "x".repeat(200)).create(client);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    Message.fetcher(m.getSid()).fetch(client).getStatus() == Message.Status.DELIVERED);
            assertThat(Message.fetcher(m.getSid()).fetch(client).getPrice()).isEqualTo("-0.02000");
            Today total = null;
            for (Today t : Today.reader().setCategory("totalprice").read(client)) {
                total = t;
            }
            assertThat(total).isNotNull();
            assertThat(total.getPrice()).isEqualByComparingTo("0.02");
        }
    }

    @Test
    void thePriceFileIsAConfigKeyWithAnEnvironmentOverride(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("parley.properties"), "prices.file=/etc/parley/prices.txt\n");
        assertThat(ParleyConfig.load(file, Map.of()).pricesFile()).isEqualTo(Path.of("/etc/parley/prices.txt"));
        assertThat(ParleyConfig.load(file, Map.of("PARLEY_PRICES_FILE", "/srv/prices.txt")).pricesFile())
                .isEqualTo(Path.of("/srv/prices.txt"));
        assertThat(ParleyConfig.load(null, Map.of()).pricesFile()).isNull();
    }
}
