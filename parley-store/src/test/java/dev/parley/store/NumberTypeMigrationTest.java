package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.number.NumberType;
import dev.parley.core.paging.PageRequest;
import dev.parley.testing.PostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V21 classifies the numbers provisioned before it existed, on both databases. */
class NumberTypeMigrationTest {
    private static final String ACCOUNT = "AC" + "0".repeat(32);

    @Test
    void sqliteNumbersProvisionedBeforeV21GetTheirType(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder);
        classifiesExistingRows("jdbc:sqlite:" + folder.resolve("parley.db"));
    }

    @Test
    void postgresNumbersProvisionedBeforeV21GetTheirType() throws Exception {
        classifiesExistingRows(PostgresCluster.shared().createDatabase());
    }

    private static void classifiesExistingRows(String url) throws Exception {
        Migrations.migrateBefore(url, "21");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            int i = 0;
            for (String number : new String[] {"+14155550100", "+18005550100", "+447911123456"}) {
                s.executeUpdate("INSERT INTO incoming_phone_numbers (account_sid, sid, phone_number, friendly_name,"
                        + " date_created, date_updated) VALUES ('" + ACCOUNT + "', 'PN" + String.valueOf(i).repeat(32)
                        + "', '" + number + "', 'n', " + i + ", " + i + ")");
                i++;
            }
        }
        Database db = Database.open(url);
        try {
            for (var expected : new Object[][] {{NumberType.LOCAL, "+14155550100"},
                    {NumberType.TOLL_FREE, "+18005550100"}, {NumberType.MOBILE, "+447911123456"}}) {
                assertThat(db.read(tx -> tx.numbers().list(ACCOUNT, null, null, (NumberType) expected[0],
                        PageRequest.first(50))).items())
                        .extracting(IncomingPhoneNumber::phoneNumber).extracting(Object::toString)
                        .containsExactly((String) expected[1]);
            }
        } finally {
            db.close();
        }
    }
}
