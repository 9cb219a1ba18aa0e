package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.paging.Cursor;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.webhook.WebhookDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

interface WebhookLogStoreContract extends UsesDatabase {

    private static WebhookDelivery delivery(String account, String messageSid, String outcome, Instant at) {
        return new WebhookDelivery(Fixtures.sid("WH"), account, Fixtures.sid("JB"), "status-callback", messageSid,
                "https://example.com/status", "POST", 1, 200, 42, "OK", null, outcome, at);
    }

    private void insert(WebhookDelivery... deliveries) {
        storage().writeVoid(tx -> {
            for (WebhookDelivery d : deliveries) {
                tx.webhookLog().insert(d);
            }
        });
    }

    private Page<WebhookDelivery> list(String account, String messageSid, String outcome, PageRequest page) {
        return storage().read(tx -> tx.webhookLog().list(account, messageSid, outcome, page));
    }

    @Test
    default void everyFieldRoundTrips() {
        String account = Fixtures.sid("AC");
        WebhookDelivery full = new WebhookDelivery(Fixtures.sid("WH"), account, Fixtures.sid("JB"), "incoming",
                Fixtures.sid("SM"), "https://example.com/sms?x=1", "GET", 3, 503, 1234, "<html>busy</html>",
                "HTTP 503", "retrying", T0);
        WebhookDelivery noAnswer = new WebhookDelivery(Fixtures.sid("WH"), account, null, "status-callback", null,
                "https://example.com/down", "POST", 1, null, 5000, null, "connect timed out", "dead", T0.minusSeconds(1));
        insert(full, noAnswer);
        assertThat(list(account, null, null, PageRequest.first(50)).items()).containsExactly(full, noAnswer);
    }

    @Test
    default void filtersByMessageAndOutcomeWithinTheAccount() {
        String a = Fixtures.sid("AC");
        String message = Fixtures.sid("SM");
        WebhookDelivery first = delivery(a, message, "retrying", T0);
        WebhookDelivery second = delivery(a, message, "delivered", T0.plusSeconds(1));
        WebhookDelivery otherMessage = delivery(a, Fixtures.sid("SM"), "delivered", T0.plusSeconds(2));
        WebhookDelivery otherAccount = delivery(Fixtures.sid("AC"), message, "delivered", T0.plusSeconds(3));
        insert(first, second, otherMessage, otherAccount);

        assertThat(list(a, message, null, PageRequest.first(50)).items()).containsExactly(second, first);
        assertThat(list(a, null, "delivered", PageRequest.first(50)).items()).containsExactly(otherMessage, second);
        assertThat(list(a, message, "retrying", PageRequest.first(50)).items()).containsExactly(first);
        assertThat(list(Fixtures.sid("AC"), null, null, PageRequest.first(50)).items()).isEmpty();
    }

    @Test
    default void pagesNewestFirstWithCursors() {
        String account = Fixtures.sid("AC");
        List<WebhookDelivery> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(delivery(account, null, "delivered", T0.plusSeconds(i / 3)));
        }
        insert(all.toArray(WebhookDelivery[]::new));
        List<String> expected = all.stream()
                .sorted(java.util.Comparator.comparing(WebhookDelivery::dateCreated)
                        .thenComparing(WebhookDelivery::sid).reversed())
                .map(WebhookDelivery::sid).toList();
        List<String> walked = new ArrayList<>();
        Cursor cursor = null;
        do {
            Page<WebhookDelivery> page = list(account, null, null, new PageRequest(3, 0, cursor));
            walked.addAll(page.items().stream().map(WebhookDelivery::sid).toList());
            cursor = page.next();
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(expected);
    }
}
