package dev.parley.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.DataException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.exception.TooManyRowsException;
import org.jooq.impl.DSL;

/**
 * One borrowed connection as the stores see it: plain JDBC over cached prepared statements for the hot paths (SQL
 * written once, parameters and columns by index), and a jOOQ context, made on first use, for the rest.
 *
 * <p>Failures are thrown as jOOQ's {@link DataAccessException} (a constraint violation as
 * {@link IntegrityConstraintViolationException}), as jOOQ itself would, so callers see one kind of exception
 * whichever path ran.
 */
final class Jdbc {

    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Maps the current row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final Connection connection;
    private final Statements statements;
    private final SQLDialect dialect;
    private final Settings settings;
    private DSLContext dsl;

    /**
     * @param connection the pool's connection, for jOOQ
     * @param statements the cache of the physical connection behind it
     */
    Jdbc(Connection connection, Statements statements, SQLDialect dialect, Settings settings) {
        this.connection = connection;
        this.statements = statements;
        this.dialect = dialect;
        this.settings = settings;
    }

    DSLContext dsl() {
        DSLContext context = dsl;
        if (context == null) {
            context = DSL.using(connection, dialect, settings);
            dsl = context;
        }
        return context;
    }

    SQLDialect dialect() {
        return dialect;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns its row count. */
    int update(String sql, Binder binder) {
        try {
            PreparedStatement statement = statements.get(sql);
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /** Runs the same INSERT, UPDATE or DELETE once per binder, as one JDBC batch. */
    void updateEach(String sql, List<? extends Binder> binders) {
        try {
            PreparedStatement statement = statements.get(sql);
            for (Binder binder : binders) {
                binder.bind(statement);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /** The only row of a query, if any; more than one is an error, as jOOQ's {@code fetchOptional}. */
    <T> Optional<T> one(String sql, Binder binder, RowMapper<T> mapper) {
        try {
            PreparedStatement statement = statements.get(sql);
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                T row = mapper.map(rows);
                if (rows.next()) {
                    throw new TooManyRowsException("Cursor returned more than one result: " + sql);
                }
                return Optional.of(row);
            }
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /** Every row of a query. */
    <T> List<T> all(String sql, Binder binder, RowMapper<T> mapper) {
        try {
            PreparedStatement statement = statements.get(sql);
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /** Whether a query returns any row. */
    boolean exists(String sql, Binder binder) {
        try {
            PreparedStatement statement = statements.get(sql);
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /** The first column of the only row of an aggregate query; null if SQL NULL. */
    Long aggregate(String sql, Binder binder) {
        try {
            PreparedStatement statement = statements.get(sql);
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? getLong(rows, 1) : null;
            }
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    /** Runs a parameterless statement (savepoints) through the cache. */
    void execute(String sql) throws SQLException {
        statements.get(sql).execute();
    }

    static void setInt(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    static Integer getInt(ResultSet row, int index) throws SQLException {
        int value = row.getInt(index);
        return value == 0 && row.wasNull() ? null : value;
    }

    static Long getLong(ResultSet row, int index) throws SQLException {
        long value = row.getLong(index);
        return value == 0 && row.wasNull() ? null : value;
    }

    /** What jOOQ would have thrown for this failure. */
    static DataAccessException translate(String sql, SQLException e) {
        String message = "SQL [" + sql + "]; " + e.getMessage();
        return switch (DataAccessException.sqlStateClass(e)) {
            case C22_DATA_EXCEPTION -> new DataException(message, e);
            case C23_INTEGRITY_CONSTRAINT_VIOLATION -> new IntegrityConstraintViolationException(message, e);
            default -> e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("constraint")
                    ? new IntegrityConstraintViolationException(message, e)
                    : new DataAccessException(message, e);
        };
    }
}
