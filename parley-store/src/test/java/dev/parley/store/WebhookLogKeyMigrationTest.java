package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.paging.PageRequest;
import dev.parley.core.webhook.WebhookDelivery;
import dev.parley.testing.PostgresCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V31 re-keys the webhook log by date; the deliveries logged before it stay, listed as before, on both databases. */
class WebhookLogKeyMigrationTest {
    private static final String ACCOUNT = "AC" + "1".repeat(32);
    private static final String OTHER = "AC" + "2".repeat(32);
    private static final String MESSAGE = "SM" + "3".repeat(32);

    @Test
    void sqliteKeepsTheDeliveriesLoggedBeforeV31(@TempDir Path folder) throws Exception {
        keepsLoggedDeliveries("jdbc:sqlite:" + folder.resolve("parley.db"));
    }

    @Test
    void postgresKeepsTheDeliveriesLoggedBeforeV31() throws Exception {
        keepsLoggedDeliveries(PostgresCluster.shared().createDatabase());
    }

    private static void keepsLoggedDeliveries(String url) throws Exception {
        Migrations.migrateBefore(url, "31");

        Instant t0 = Instant.parse("2026-12-01T10:00:00.123456Z");
        WebhookDelivery delivered = new WebhookDelivery("WD" + "a".repeat(32), ACCOUNT, "JB" + "4".repeat(32),
                "status-callback", MESSAGE, "https://example.com/status", "POST", 1, 200, 42, "OK", null, "delivered",
                t0.plusSeconds(2));
        WebhookDelivery retrying = new WebhookDelivery("WD" + "b".repeat(32), ACCOUNT, "JB" + "4".repeat(32),
                "status-callback", MESSAGE, "https://example.com/status", "POST", 2, 503, 1234, "<html>busy</html>",
                "HTTP 503", "retrying", t0.plusSeconds(1));
        WebhookDelivery sameInstant = new WebhookDelivery("WD" + "c".repeat(32), ACCOUNT, null, "incoming", null,
                "https://example.com/sms", "GET", 1, null, 5000, null, "connect timed out", "dead", t0.plusSeconds(2));
        WebhookDelivery otherAccount = new WebhookDelivery("WD" + "d".repeat(32), OTHER, null, "incoming", null,
                "https://example.com/other", "POST", 1, 200, 7, "", null, "delivered", t0);
        try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(
                "INSERT INTO webhook_log (account_sid, sid, job_id, purpose, message_sid, url, method, attempt,"
                        + " response_status, latency_millis, response_excerpt, error, outcome, date_created)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (WebhookDelivery d : new WebhookDelivery[] {delivered, retrying, sameInstant, otherAccount}) {
                s.setString(1, d.accountSid());
                s.setString(2, d.sid());
                s.setString(3, d.jobId());
                s.setString(4, d.purpose());
                s.setString(5, d.messageSid());
                s.setString(6, d.url());
                s.setString(7, d.method());
                s.setInt(8, d.attempt());
                Jdbc.setInt(s, 9, d.responseStatus());
                s.setLong(10, d.latencyMillis());
                s.setString(11, d.responseExcerpt());
                s.setString(12, d.error());
                s.setString(13, d.outcome());
                s.setLong(14, Micros.of(d.dateCreated()));
                s.executeUpdate();
            }
        }

        Database db = Database.open(url);
        try {
            // Newest first; at one instant, the greater SID first.
            assertThat(db.read(tx -> tx.webhookLog().list(ACCOUNT, null, null, PageRequest.first(50))).items())
                    .containsExactly(sameInstant, delivered, retrying);
            assertThat(db.read(tx -> tx.webhookLog().list(ACCOUNT, MESSAGE, null, PageRequest.first(50))).items())
                    .containsExactly(delivered, retrying);
            assertThat(db.read(tx -> tx.webhookLog().list(OTHER, null, null, PageRequest.first(50))).items())
                    .containsExactly(otherAccount);
            WebhookDelivery next = new WebhookDelivery("WD" + "e".repeat(32), ACCOUNT, null, "incoming", null,
                    "https://example.com/sms", "POST", 1, 200, 3, "", null, "delivered", t0.plusSeconds(3));
            db.writeVoid(tx -> tx.webhookLog().insert(next));
            assertThat(db.read(tx -> tx.webhookLog().list(ACCOUNT, null, null, new PageRequest(2, 0, null))).items())
                    .containsExactly(next, sameInstant);
        } finally {
            db.close();
        }
    }
}
