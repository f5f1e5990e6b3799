package com.pipelineforecast.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * One run at a time per database. On PostgreSQL, several hosts and schedulers may share the database (a cron job
 * overlapping a manual start): a session-level advisory lock, held on its own connection for the whole run, keeps
 * a second run out. The server releases it when the process dies, so a run found STARTED while holding the lock
 * is known to be dead and may be recovered. The embedded HSQLDB admits one process by its lock file already.
 */
@Component
public class RunLock {

    /** The advisory lock's key: any constant that other applications sharing the database are unlikely to use. */
    public static final long KEY = 0x5069_7065_466f_7263L;

    private static final String TRY_ADVISORY_LOCK = """
            SELECT pg_try_advisory_lock(?)
            """;
    private static final String ADVISORY_UNLOCK = """
            SELECT pg_advisory_unlock(?)
            """;

    private final DataSource dataSource;

    public RunLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A lock held until closed. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** The lock, or null when another run holds it. */
    public Held tryAcquire() throws SQLException {
        Connection connection = dataSource.getConnection();
        boolean keep = false;
        try {
            if (!connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
                return () -> { };
            }
            try (var statement = connection.prepareStatement(TRY_ADVISORY_LOCK)) {
                statement.setLong(1, KEY);
                try (var result = statement.executeQuery()) {
                    result.next();
                    if (!result.getBoolean(1)) {
                        return null;
                    }
                }
            }
            keep = true;
            return () -> release(connection);
        } finally {
            if (!keep) {
                connection.close();
            }
        }
    }

    private static void release(Connection connection) {
        try (connection; var statement = connection.prepareStatement(ADVISORY_UNLOCK)) {
            statement.setLong(1, KEY);
            statement.execute();
        } catch (SQLException e) {
            // closing the connection ends the session, and the session's locks with it
        }
    }
}
