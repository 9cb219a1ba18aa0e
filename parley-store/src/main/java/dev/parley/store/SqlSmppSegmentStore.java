package dev.parley.store;

import dev.parley.core.connection.SmppSegmentStore;
import dev.parley.core.message.MessageStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link SmppSegmentStore} over {@code smpp_segments} and {@code smpp_early_receipts} (V23); times in microseconds. */
final class SqlSmppSegmentStore implements SmppSegmentStore {
    private static final String COLUMNS = "connection, account_sid, message_sid, seq, total, smsc_id, submitted_at,"
            + " receipt_status, error_code, done_at";
    private static final String INSERT = "INSERT INTO smpp_segments (connection, account_sid, message_sid, seq, total,"
            + " smsc_id, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String FOR_MESSAGE = "SELECT " + COLUMNS + " FROM smpp_segments"
            + " WHERE connection = ? AND message_sid = ? ORDER BY seq";
    private static final String BY_SMSC_ID = "SELECT " + COLUMNS + " FROM smpp_segments"
            + " WHERE connection = ? AND smsc_id = ? ORDER BY submitted_at DESC, message_sid DESC LIMIT 1";
    private static final String RECORD_RECEIPT = "UPDATE smpp_segments SET receipt_status = ?, error_code = ?,"
            + " done_at = ? WHERE connection = ? AND message_sid = ? AND seq = ? AND receipt_status IS NULL";
    private static final String DELETE_EARLY = "DELETE FROM smpp_early_receipts WHERE connection = ? AND smsc_id = ?";
    private static final String PUT_EARLY = "INSERT INTO smpp_early_receipts (connection, smsc_id, status,"
            + " error_code, done_at, received_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (connection, smsc_id) DO UPDATE"
            + " SET status = excluded.status, error_code = excluded.error_code, done_at = excluded.done_at,"
            + " received_at = excluded.received_at";
    private static final String FIND_EARLY = "SELECT connection, smsc_id, status, error_code, done_at, received_at"
            + " FROM smpp_early_receipts WHERE connection = ? AND smsc_id = ?";
    private static final String FORGET_EARLY = "DELETE FROM smpp_early_receipts"
            + " WHERE connection = ? AND received_at < ?";
    private static final String AWAITING = "SELECT COUNT(*) FROM smpp_segments"
            + " WHERE connection = ? AND receipt_status IS NULL";

    private final Jdbc jdbc;

    SqlSmppSegmentStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(Segment s) {
        return jdbc.update(INSERT, st -> {
            st.setString(1, s.connection());
            st.setString(2, s.accountSid());
            st.setString(3, s.messageSid());
            st.setInt(4, s.seq());
            st.setInt(5, s.total());
            st.setString(6, s.smscId());
            st.setLong(7, Micros.of(s.submittedAt()));
        }) == 1;
    }

    @Override
    public List<Segment> forMessage(String connection, String messageSid) {
        return jdbc.all(FOR_MESSAGE, st -> {
            st.setString(1, connection);
            st.setString(2, messageSid);
        }, SqlSmppSegmentStore::segment);
    }

    @Override
    public Optional<Segment> findBySmscId(String connection, String smscId) {
        return jdbc.one(BY_SMSC_ID, st -> {
            st.setString(1, connection);
            st.setString(2, smscId);
        }, SqlSmppSegmentStore::segment);
    }

    @Override
    public boolean recordReceipt(String connection, String messageSid, int seq, SegmentReceipt receipt) {
        return jdbc.update(RECORD_RECEIPT, st -> {
            st.setString(1, receipt.status().wire());
            Jdbc.setInt(st, 2, receipt.errorCode());
            st.setLong(3, Micros.of(receipt.doneAt()));
            st.setString(4, connection);
            st.setString(5, messageSid);
            st.setInt(6, seq);
        }) == 1;
    }

    @Override
    public void putEarlyReceipt(EarlyReceipt r) {
        jdbc.update(PUT_EARLY, st -> {
            st.setString(1, r.connection());
            st.setString(2, r.smscId());
            st.setString(3, r.receipt().status().wire());
            Jdbc.setInt(st, 4, r.receipt().errorCode());
            st.setLong(5, Micros.of(r.receipt().doneAt()));
            st.setLong(6, Micros.of(r.receivedAt()));
        });
    }

    @Override
    public int forgetEarlyReceipts(String connection, Instant receivedBefore) {
        return jdbc.update(FORGET_EARLY, st -> {
            st.setString(1, connection);
            st.setLong(2, Micros.of(receivedBefore));
        });
    }

    @Override
    public Optional<EarlyReceipt> takeEarlyReceipt(String connection, String smscId, Instant receivedSince) {
        Optional<EarlyReceipt> found = jdbc.one(FIND_EARLY, st -> {
            st.setString(1, connection);
            st.setString(2, smscId);
        }, r -> new EarlyReceipt(r.getString(1), r.getString(2), new SegmentReceipt(status(r.getString(3)),
                Jdbc.getInt(r, 4), Micros.toInstant(r.getLong(5))), Micros.toInstant(r.getLong(6))));
        found.ifPresent(e -> jdbc.update(DELETE_EARLY, st -> {
            st.setString(1, connection);
            st.setString(2, smscId);
        }));
        return found.filter(e -> !e.receivedAt().isBefore(receivedSince));
    }

    @Override
    public long countAwaitingReceipt(String connection) {
        Long n = jdbc.aggregate(AWAITING, st -> st.setString(1, connection));
        return n == null ? 0 : n;
    }

    private static Segment segment(ResultSet r) throws SQLException {
        String status = r.getString(8);
        SegmentReceipt receipt = status == null ? null
                : new SegmentReceipt(status(status), Jdbc.getInt(r, 9), Micros.toInstant(Jdbc.getLong(r, 10)));
        return new Segment(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getInt(5), r.getString(6),
                Micros.toInstant(r.getLong(7)), receipt);
    }

    private static MessageStatus status(String wire) {
        return MessageStatus.fromWire(wire).orElseThrow(() -> new IllegalStateException("stored status " + wire));
    }
}
