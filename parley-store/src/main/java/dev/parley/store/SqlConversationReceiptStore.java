package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.parley.core.conversation.receipt.ConversationReceiptStore;
import dev.parley.core.conversation.receipt.DeliveryReceipt;
import dev.parley.core.conversation.receipt.ReceiptStatus;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.store.SqlConversationMessageStore.D;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;

/** Delivery receipts: the receipt columns of {@code conversation_deliveries} (V10). */
final class SqlConversationReceiptStore implements ConversationReceiptStore {
    static final Field<String> RECEIPT_SID = field(name("receipt_sid"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);

    private final Jdbc jdbc;

    SqlConversationReceiptStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void open(DeliveryReceipt r) {
        jdbc.dsl().update(D.TABLE)
                .set(RECEIPT_SID, r.sid())
                .set(STATUS, r.status() == null ? null : r.status().wire())
                .set(D.ERROR_CODE, r.errorCode())
                .set(DATE_UPDATED, Micros.of(r.dateUpdated()))
                .where(D.ACCOUNT_SID.eq(r.accountSid()), D.CONVERSATION_MESSAGE_SID.eq(r.messageSid()),
                        D.PARTICIPANT_SID.eq(r.participantSid()))
                .execute();
    }

    /**
     * Runs on every Messaging-layer status change, conversation message or not: plain JDBC over a cached statement.
     * No "receipt_sid IS NOT NULL" here: SQLite would take it as a range on the receipt index and scan every receipt
     * of the account on each status change. Rows with a channel message all have receipts.
     */
    private static final String FOLLOW = "UPDATE conversation_deliveries SET status = ?, error_code = ?, "
            + "date_updated = ? WHERE account_sid = ? AND message_sid = ? "
            + "AND (status IS NULL OR status <> ? OR error_code <> ?)";

    @Override
    public int follow(String accountSid, String channelMessageSid, ReceiptStatus status, int errorCode, Instant at) {
        return jdbc.update(FOLLOW, s -> {
            s.setString(1, status.wire());
            s.setInt(2, errorCode);
            s.setLong(3, Micros.of(at));
            s.setString(4, accountSid);
            s.setString(5, channelMessageSid);
            s.setString(6, status.wire());
            s.setInt(7, errorCode);
        });
    }

    @Override
    public Optional<DeliveryReceipt> findByChannelMessage(String accountSid, String channelMessageSid) {
        return jdbc.one(BY_CHANNEL_MESSAGE, s -> {
            s.setString(1, accountSid);
            s.setString(2, channelMessageSid);
        }, r -> new DeliveryReceipt(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), ReceiptStatus.fromWire(r.getString(7)).orElse(null), r.getInt(8),
                Micros.toInstant(Jdbc.getLong(r, 9)), Micros.toInstant(Jdbc.getLong(r, 10))));
    }

    /** Read after each status change that moved a receipt: plain JDBC too. */
    private static final String BY_CHANNEL_MESSAGE = "SELECT receipt_sid, account_sid, conversation_sid,"
            + " conversation_message_sid, participant_sid, message_sid, status, error_code, date_created, date_updated"
            + " FROM conversation_deliveries WHERE account_sid = ? AND message_sid = ? LIMIT 1";

    @Override
    public Page<DeliveryReceipt> list(String accountSid, String conversationSid, String messageSid,
            PageRequest page) {
        return Paging.oldestFirst(jdbc.dsl(), D.TABLE, of(accountSid, conversationSid, messageSid), D.DATE_CREATED,
                RECEIPT_SID, page, SqlConversationReceiptStore::receipt);
    }

    @Override
    public Optional<DeliveryReceipt> find(String accountSid, String conversationSid, String messageSid, String sid) {
        return jdbc.dsl().select().from(D.TABLE)
                .where(of(accountSid, conversationSid, messageSid).and(RECEIPT_SID.eq(sid)))
                .fetchOptional(SqlConversationReceiptStore::receipt);
    }

    @Override
    public Map<String, List<ReceiptStatus>> statuses(String accountSid, Collection<String> messageSids) {
        Map<String, List<ReceiptStatus>> out = new HashMap<>();
        // Rows without a receipt are skipped here rather than in SQL, where SQLite would scan the receipt index.
        jdbc.dsl().select(D.CONVERSATION_MESSAGE_SID, STATUS, RECEIPT_SID).from(D.TABLE)
                .where(D.ACCOUNT_SID.eq(accountSid), D.CONVERSATION_MESSAGE_SID.in(messageSids))
                .fetch().stream().filter(r -> r.get(RECEIPT_SID) != null)
                .forEach(r -> out.computeIfAbsent(r.get(D.CONVERSATION_MESSAGE_SID), k -> new ArrayList<>())
                        .add(ReceiptStatus.fromWire(r.get(STATUS)).orElse(null)));
        return out;
    }

    private static Condition of(String accountSid, String conversationSid, String messageSid) {
        return D.ACCOUNT_SID.eq(accountSid).and(D.CONVERSATION_SID.eq(conversationSid))
                .and(D.CONVERSATION_MESSAGE_SID.eq(messageSid)).and(RECEIPT_SID.isNotNull());
    }

    private static DeliveryReceipt receipt(Record r) {
        Integer error = r.get(D.ERROR_CODE);
        Long updated = r.get(DATE_UPDATED);
        return new DeliveryReceipt(r.get(RECEIPT_SID), r.get(D.ACCOUNT_SID), r.get(D.CONVERSATION_SID),
                r.get(D.CONVERSATION_MESSAGE_SID), r.get(D.PARTICIPANT_SID), r.get(D.MESSAGE_SID),
                ReceiptStatus.fromWire(r.get(STATUS)).orElse(null), error == null ? 0 : error,
                Micros.toInstant(r.get(D.DATE_CREATED)), updated == null ? null : Micros.toInstant(updated));
    }
}
