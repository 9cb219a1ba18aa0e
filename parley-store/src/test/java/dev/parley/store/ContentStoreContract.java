package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.content.Content;
import dev.parley.core.content.WhatsAppApproval;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import dev.parley.core.tx.Tx;
import org.junit.jupiter.api.Test;

/** Content API templates and their WhatsApp approvals (migration V29). */
interface ContentStoreContract extends UsesDatabase {

    private static Content content(String account, int seconds) throws Exception {
        ObjectNode types = (ObjectNode) new ObjectMapper().readTree("""
                {"twilio/text": {"body": "Hi {{1}}, your order {{2}} ships today"},
                 "twilio/quick-reply": {"body": "Hi {{1}}", "actions": [{"title": "Track", "id": "track"}]}}""");
        return new Content(Fixtures.sid("HX"), account, "Order shipped é", "en", Map.of("1", "Ana", "2", "A-1"),
                types, T0.plusSeconds(seconds), T0.plusSeconds(seconds));
    }

    private static WhatsAppApproval approval(Content c, String channel, String status, String templateId,
            int seconds) {
        return new WhatsAppApproval(c.sid(), c.accountSid(), "order_shipped", "UTILITY", status, "", channel,
                templateId, T0.plusSeconds(seconds), T0.plusSeconds(seconds));
    }

    private <T> Optional<T> one(Function<Tx, Optional<T>> work) {
        return storage().read(work);
    }

    private <T> List<T> rows(Function<Tx, List<T>> work) {
        return storage().read(work);
    }

    private boolean did(Function<Tx, Boolean> work) {
        return storage().write(work);
    }

    @Test
    default void contentRoundTripsListsNewestFirstAndStaysInItsAccount() throws Exception {
        String account = Fixtures.sid("AC");
        Content older = content(account, 0);
        Content newer = content(account, 1);
        Content elsewhere = content(Fixtures.sid("AC"), 2);
        storage().writeVoid(tx -> {
            tx.contents().insert(older);
            tx.contents().insert(newer);
            tx.contents().insert(elsewhere);
        });
        assertThat(one(tx -> tx.contents().find(account, older.sid()))).contains(older);
        assertThat(one(tx -> tx.contents().find(account, elsewhere.sid()))).isEmpty();

        Page<Content> first = storage().read(tx -> tx.contents().list(account, new PageRequest(1, 0, null)));
        assertThat(first.items()).containsExactly(newer);
        Page<Content> second = storage().read(tx -> tx.contents().list(account, new PageRequest(1, 1, first.next())));
        assertThat(second.items()).containsExactly(older);
        assertThat(second.next()).isNull();
    }

    @Test
    default void approvalsArePerChannelReplacedInPlaceAndFoundByTemplateOrName() throws Exception {
        Content c = content(Fixtures.sid("AC"), 0);
        String channel = "whatsapp:" + Fixtures.sid("WA");
        storage().writeVoid(tx -> {
            tx.contents().insert(c);
            tx.contents().putApproval(approval(c, channel, "received", "tpl-1", 1));
            tx.contents().putApproval(approval(c, "simulator", "approved", null, 2));
        });
        assertThat(rows(tx -> tx.contents().approvals(c.accountSid(), c.sid())))
                .extracting(WhatsAppApproval::channel, WhatsAppApproval::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(channel, "received"),
                        org.assertj.core.groups.Tuple.tuple("simulator", "approved"));

        WhatsAppApproval rejected = new WhatsAppApproval(c.sid(), c.accountSid(), "order_shipped", "UTILITY",
                "rejected", "INVALID_FORMAT", channel, "tpl-1", T0.plusSeconds(1), T0.plusSeconds(5));
        storage().writeVoid(tx -> tx.contents().putApproval(rejected));
        assertThat(rows(tx -> tx.contents().approvalsByTemplate(channel, "tpl-1"))).containsExactly(rejected);
        assertThat(rows(tx -> tx.contents().approvalsByName(channel, "order_shipped")))
                .containsExactly(rejected);
        assertThat(rows(tx -> tx.contents().approvals(c.accountSid(), List.of(c.sid(), "HXnone"))))
                .hasSize(2);
        assertThat(rows(tx -> tx.contents().approvalsByTemplate("whatsapp:other", "tpl-1"))).isEmpty();
    }

    @Test
    default void deletingAContentDeletesItsApprovals() throws Exception {
        Content c = content(Fixtures.sid("AC"), 0);
        storage().writeVoid(tx -> {
            tx.contents().insert(c);
            tx.contents().putApproval(approval(c, "simulator", "approved", null, 1));
        });
        assertThat(did(tx -> tx.contents().delete(c.accountSid(), c.sid()))).isTrue();
        assertThat(did(tx -> tx.contents().delete(c.accountSid(), c.sid()))).isFalse();
        assertThat(one(tx -> tx.contents().find(c.accountSid(), c.sid()))).isEmpty();
        assertThat(rows(tx -> tx.contents().approvals(c.accountSid(), c.sid()))).isEmpty();
    }
}
