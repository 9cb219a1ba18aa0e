package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresClusterTest {

    @Test
    void sharedClusterAnswersSelectOneOnAFreshDatabase() throws SQLException {
        String url = PostgresCluster.shared().createDatabase();

        assertThat(url).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/parley_\\d+\\?user=postgres");
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select 1")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void sharedReturnsTheSameClusterEveryTime() {
        assertThat(PostgresCluster.shared()).isSameAs(PostgresCluster.shared());
    }

    @Test
    void eachCreatedDatabaseIsSeparateAndEmpty() throws SQLException {
        PostgresCluster cluster = PostgresCluster.shared();
        String first = cluster.createDatabase();
        String second = cluster.createDatabase();

        assertThat(first).isNotEqualTo(second);
        try (Connection connection = DriverManager.getConnection(first);
                Statement statement = connection.createStatement()) {
            statement.execute("create table marker (id int)");
        }
        try (Connection connection = DriverManager.getConnection(second);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "select count(*) from information_schema.tables where table_name = 'marker'")) {
            result.next();
            assertThat(result.getInt(1)).isZero();
        }
    }

    @Test
    void serverRunsWithFsyncOnAndListensOnlyOnLoopback() throws SQLException {
        PostgresCluster cluster = PostgresCluster.shared();
        try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl("postgres"));
                Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(setting(statement, "port")).isEqualTo(String.valueOf(cluster.port()));
        }
    }

    @Test
    void findsServerBinaries() {
        assertThat(PostgresCluster.findBinDir()).hasValueSatisfying(dir ->
                assertThat(dir.resolve("initdb")).isExecutable());
    }

    private static String setting(Statement statement, String name) throws SQLException {
        try (ResultSet result = statement.executeQuery("show " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
