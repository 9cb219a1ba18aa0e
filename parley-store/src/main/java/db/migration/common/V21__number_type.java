package db.migration.common;

import dev.parley.core.address.PhoneNumber;
import dev.parley.core.number.NumberType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Number types (issue 11, item 6): {@code IncomingPhoneNumbers/Local|Mobile|TollFree.json} list one type, so the type
 * is a column the list can filter and page on. It derives from the number by libphonenumber, which SQL cannot call:
 * the rows that exist are classified here, in Java, and the store writes the column on every insert after. Plain
 * JDBC in the portable subset, so the one migration serves SQLite and PostgreSQL.
 */
public final class V21__number_type extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE incoming_phone_numbers ADD COLUMN number_type VARCHAR(16) NOT NULL DEFAULT 'local'");
        }
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT phone_number FROM incoming_phone_numbers")) {
            while (r.next()) {
                NumberType type = NumberType.of(new PhoneNumber(r.getString(1)));
                if (type != NumberType.LOCAL) {
                    types.put(r.getString(1), type.wire());
                }
            }
        }
        try (PreparedStatement u = c.prepareStatement(
                "UPDATE incoming_phone_numbers SET number_type = ? WHERE phone_number = ?")) {
            for (Map.Entry<String, String> e : types.entrySet()) {
                u.setString(1, e.getValue());
                u.setString(2, e.getKey());
                u.executeUpdate();
            }
        }
    }
}
