package dev.parley.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The server {@link RouteFuzzTest} drives: Parley on a fresh SQLite database, one resource of each kind for the
 * main account and a few for a subaccount (whose credentials are "another account"), and a read connection to the
 * database file for table snapshots.
 */
final class FuzzWorld implements AutoCloseable {
    private final Parley parley;
    private final Connection db;
    private final List<String> ownSids = new ArrayList<>();
    /** The main account's SIDs by the collection they were created in ("Conversations", "Keys", ...). */
    private final Map<String, List<String>> ownSidsByCollection = new LinkedHashMap<>();
    private final List<String> foreignSids = new ArrayList<>();
    private final List<String> phoneNumbers = new ArrayList<>();
    private String subaccountSid;
    private String subaccountToken;
    private String apiKeyAuthorization;

    private FuzzWorld(Parley parley, Connection db) {
        this.parley = parley;
        this.db = db;
    }

    static FuzzWorld start() {
        Parley parley = Parley.start(null, 1);
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + parley.dataDir().resolve("parley.db"));
            FuzzWorld world = new FuzzWorld(parley, db);
            world.populate();
            // From here on, work enqueued for later never comes due: the database only changes by requests.
            parley.clock().freeze();
            world.settle();
            return world;
        } catch (SQLException e) {
            parley.close();
            throw new IllegalStateException(e);
        }
    }

    private void populate() {
        populateOwn(true);
        String other = RawHttp.basic(subaccountSid, subaccountToken);
        String subApi = "/2010-04-01/Accounts/" + subaccountSid;
        JsonNode otherNumber = create(other, subApi + "/IncomingPhoneNumbers.json", "AreaCode=212", true);
        phoneNumbers.add(otherNumber.get("phone_number").asText());
        create(other, subApi + "/Messages.json", "To=%2B14155550198&Body=theirs&From="
                + FuzzValues.enc(otherNumber.get("phone_number").asText()), true);
        create(other, "/conversations/v1/Conversations", "FriendlyName=theirs", true);
        create(other, "/conversations/v1/Users", "Identity=carol", true);
        foreignSids.add(subaccountSid);
        if (ownSids.isEmpty() || foreignSids.size() < 4) {
            throw new IllegalStateException("fixtures missing: own " + ownSids + ", foreign " + foreignSids);
        }
    }

    /**
     * One resource of each kind for the main account (and, the first time, the subaccount). Called again after a
     * request deleted something, so the routes under it keep being reached past their 404.
     */
    void populateOwn(boolean first) {
        String api = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID;
        String main = RawHttp.basic(Parley.ACCOUNT_SID, Parley.AUTH_TOKEN);
        JsonNode number = create(main, api + "/IncomingPhoneNumbers.json", "AreaCode=415", first);
        String phone = number == null ? phoneNumbers.getFirst() : number.get("phone_number").asText();
        if (number != null) {
            phoneNumbers.add(phone);
        }
        create(main, api + "/Messages.json", "To=%2B14155550199&Body=hello&From=" + FuzzValues.enc(phone), first);
        JsonNode key = create(main, api + "/Keys.json", "FriendlyName=fuzz", first);
        if (first) {
            apiKeyAuthorization = RawHttp.basic(key.get("sid").asText(), key.get("secret").asText());
            JsonNode sub = create(main, "/2010-04-01/Accounts.json", "FriendlyName=other", true);
            subaccountSid = sub.get("sid").asText();
            subaccountToken = sub.get("auth_token").asText();
        }
        create(main, "/messaging/v1/Services", "FriendlyName=fuzz", first);
        create(main, "/conversations/v1/Services", "FriendlyName=fuzz", first);
        JsonNode conversation = create(main, "/conversations/v1/Conversations", "FriendlyName=fuzz", first);
        if (conversation != null) {
            String sid = conversation.get("sid").asText();
            create(main, "/conversations/v1/Conversations/" + sid + "/Participants", "Identity=alice", first);
            create(main, "/conversations/v1/Conversations/" + sid + "/Messages", "Body=hi&Author=alice", first);
        }
        create(main, "/conversations/v1/Users", "Identity=bob" + ownSids.size(), first);
        create(main, "/conversations/v1/Roles", "FriendlyName=fuzzrole&Type=conversation&Permission=sendMessage",
                first);
        create(main, "/conversations/v1/Configuration/Addresses", "Type=sms&Address=" + FuzzValues.enc(phone), first);
    }

    /**
     * POSTs a form as the given caller and remembers the SID it created as that caller's; a refusal fails the
     * set-up when {@code required}, else it is skipped (null).
     */
    private JsonNode create(String authorization, String path, String form, boolean required) {
        RawHttp.Response response = RawHttp.exchange(parley.port(), "POST", path,
                Map.of("Authorization", authorization, "Content-Type", "application/x-www-form-urlencoded"),
                form.getBytes(StandardCharsets.UTF_8));
        if (response.status() != 201 && response.status() != 200) {
            if (!required) {
                return null;
            }
            throw new IllegalStateException("fixture POST " + path + " answered " + response.status() + " "
                    + response.text());
        }
        JsonNode json = response.json();
        String sid = json.path("sid").asText(null);
        if (sid != null && authorization.equals(RawHttp.basic(Parley.ACCOUNT_SID, Parley.AUTH_TOKEN))) {
            ownSids.add(sid);
            String collection = collection(path, path.substring(path.lastIndexOf('/') + 1).replace(".json", ""));
            ownSidsByCollection.computeIfAbsent(collection, c -> new ArrayList<>()).add(sid);
        } else if (sid != null) {
            foreignSids.add(sid);
        }
        return json;
    }

    List<String> routes() {
        return parley.routes();
    }

    List<String> ownSids() {
        return ownSids;
    }

    /**
     * A collection's key: the API ({@code 2010-04-01}, {@code messaging}, {@code conversations}; the Media Content
     * Service's paths name Conversations services) and the collection's name, e.g. {@code messaging/Services}.
     */
    static String collection(String path, String name) {
        int end = path.indexOf('/', 1);
        String api = end < 0 ? path.substring(1) : path.substring(1, end);
        return (api.equals("mcs") ? "conversations" : api) + "/" + name;
    }

    /** The main account's SIDs created in {@code collection} (see {@link #collection}), or all of them. */
    List<String> ownSids(String collection) {
        return ownSidsByCollection.getOrDefault(collection, ownSids);
    }

    List<String> foreignSids() {
        return foreignSids;
    }

    List<String> phoneNumbers() {
        return phoneNumbers;
    }

    String subaccountSid() {
        return subaccountSid;
    }

    String subaccountToken() {
        return subaccountToken;
    }

    /** Basic credentials of an API key of the main account. */
    String apiKeyAuthorization() {
        return apiKeyAuthorization;
    }

    RawHttp.Response send(RouteFuzzTest.FuzzRequest request) {
        return RawHttp.exchange(parley.port(), request.method(), request.target(), request.headers(),
                request.body());
    }

    /**
     * Waits until no job is leased or due: the work an accepted request enqueued has run, so the next request's
     * "before" snapshot is not overtaken by it. Bounded: a job that keeps failing is rescheduled into a future that
     * the frozen clock never reaches.
     */
    void settle() {
        // In microseconds, as the store keeps times: truncated to milliseconds, a job enqueued at the frozen instant
        // looked not yet due, and the runner then ran it during the next request.
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, parley.clock().instant());
        long deadline = System.nanoTime() + 10_000_000_000L;
        try (PreparedStatement busy = db.prepareStatement("SELECT COUNT(*) FROM jobs WHERE state = 'LEASED'"
                + " OR (state = 'PENDING' AND (run_at <= ? OR fair_at <= ?))")) {
            busy.setLong(1, now);
            busy.setLong(2, now);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = busy.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException("jobs still due after 10 s");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A table this small keeps its rows in the snapshot, so that a difference shows which rows changed. */
    private static final int ROWS_SHOWN = 20;

    /** Every table's row count and a digest of its rows, and the rows themselves of the small tables. */
    record Snapshot(Map<String, String> tables, Map<String, List<String>> rows) {
        /** The tables whose rows differ, with both states, and the rows gone and come when the table is small. */
        List<String> differenceFrom(Snapshot before) {
            return tables.keySet().stream()
                    .filter(t -> !Objects.equals(tables.get(t), before.tables().get(t)))
                    .map(t -> t + ": " + before.tables().get(t) + " -> " + tables.get(t) + rowsChanged(t, before))
                    .collect(Collectors.toList());
        }

        private String rowsChanged(String table, Snapshot before) {
            List<String> was = before.rows().get(table);
            List<String> now = rows.get(table);
            if (was == null || now == null) {
                return "";
            }
            List<String> gone = was.stream().filter(r -> !now.contains(r)).toList();
            List<String> came = now.stream().filter(r -> !was.contains(r)).toList();
            return "; rows gone " + gone + ", rows come " + came;
        }
    }

    Snapshot snapshot() {
        try (Statement statement = db.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history' ORDER BY name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            Map<String, String> tables = new LinkedHashMap<>();
            Map<String, List<String>> shown = new LinkedHashMap<>();
            for (String table : names) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                int rows = 0;
                // Ordered by every column: the digest must not depend on the order SQLite happens to return rows in.
                try (ResultSet rs = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    List<String> lines = new ArrayList<>();
                    while (rs.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int c = 1; c <= columns; c++) {
                            line.append(rs.getString(c)).append('\u001f');
                        }
                        lines.add(line.toString());
                        rows++;
                    }
                    lines.sort(null);
                    lines.forEach(l -> digest.update(l.getBytes(StandardCharsets.UTF_8)));
                    if (lines.size() <= ROWS_SHOWN) {
                        shown.put(table, lines.stream().map(l -> l.replace('\u001f', '|')).toList());
                    }
                }
                tables.put(table, rows + " rows " + HexFormat.of().formatHex(digest.digest(), 0, 6));
            }
            return new Snapshot(tables, shown);
        } catch (SQLException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing a read connection: nothing to save
        }
        parley.close();
    }
}
