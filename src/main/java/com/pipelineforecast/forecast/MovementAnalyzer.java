package com.pipelineforecast.forecast;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Movement since the previous run in one streaming pass: both snapshots are read in deal-id order and merged, so
 * memory holds one deal of each night, whatever their size. Each deal of either night falls in exactly one
 * bucket and contributes tonight's weight minus last night's (as reported, open forecast deals only), so the
 * buckets bridge the two totals to the cent.
 */
@Component
public class MovementAnalyzer {

    static final List<String> BUCKETS = List.of("new", "won", "lost", "advanced", "regressed", "slipped",
            "pulled_in", "amount_up", "amount_down", "removed", "unchanged");
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    private static final int NO_QUARTER = Integer.MAX_VALUE;

    private final DataSource dataSource;

    public MovementAnalyzer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One deal's state on one night (rows repeating its id are merged). */
    private record State(String id, int order, int quarter, BigDecimal amount, BigDecimal weight, boolean won,
            boolean closed) {

        State merge(State other) {
            return new State(id, Math.max(order, other.order), Math.max(quarter, other.quarter),
                    amount.add(other.amount), weight.add(other.weight), won || other.won, closed && other.closed);
        }
    }

    /** The movement, and the largest deals (by tonight's weight) whose close date slipped to a later quarter. */
    public record Result(ForecastAnalysis.Movement movement, List<Watchlists.SlippedDeal> slipped) {
    }

    private record Slip(String id, BigDecimal weight, int from, int to) {
    }

    public Result movement(long runId, Long previousRunId, String previousRunDate, int topSlipped) {
        TopList<Slip> slips = new TopList<>(topSlipped, java.util.Comparator.comparing(Slip::weight)
                .thenComparing(Slip::id, java.util.Comparator.reverseOrder()));
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, BigDecimal> changes = new LinkedHashMap<>();
        BUCKETS.forEach(b -> {
            counts.put(b, new long[1]);
            changes.put(b, ZERO);
        });
        BigDecimal start = ZERO;
        BigDecimal end = ZERO;
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Cursor tonight = new Cursor(connection, runId);
                Cursor before = new Cursor(connection, previousRunId == null ? -1L : previousRunId)) {
            State c = tonight.next();
            State p = before.next();
            while (c != null || p != null) {
                int order = c == null ? 1 : p == null ? -1 : c.id().compareTo(p.id());
                State now = order <= 0 ? c : null;
                State then = order >= 0 ? p : null;
                String bucket = bucket(now, then);
                BigDecimal w1 = now == null ? ZERO : now.weight();
                BigDecimal w0 = then == null ? ZERO : then.weight();
                counts.get(bucket)[0]++;
                if (bucket.equals("slipped")) {
                    slips.offer(new Slip(now.id(), w1, then.quarter(), now.quarter()));
                }
                changes.merge(bucket, w1.subtract(w0), BigDecimal::add);
                start = start.add(w0);
                end = end.add(w1);
                if (now != null) {
                    c = tonight.next();
                }
                if (then != null) {
                    p = before.next();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot compare run " + runId + " with the previous run", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        List<ForecastAnalysis.MovementBucket> buckets = BUCKETS.stream()
                .map(b -> new ForecastAnalysis.MovementBucket(b, counts.get(b)[0], changes.get(b))).toList();
        return new Result(new ForecastAnalysis.Movement(previousRunDate, start, end, buckets),
                slips.largestFirst().stream().map(slip -> slipped(runId, slip)).toList());
    }

    private Watchlists.SlippedDeal slipped(long runId, Slip slip) {
        return new org.springframework.jdbc.core.JdbcTemplate(dataSource).query("SELECT deal_name, owner_name, "
                + "claimed_stage FROM deal_snapshot WHERE run_id = ? AND deal_id = ? ORDER BY file_name, line_no",
                rs -> {
                    rs.next();
                    return new Watchlists.SlippedDeal(slip.id(), rs.getString(1), rs.getString(2), rs.getString(3),
                            quarter(slip.from()), quarter(slip.to()), slip.weight());
                }, runId, slip.id());
    }

    private static String quarter(int key) {
        return key == NO_QUARTER ? FiscalCalendar.UNSCHEDULED : FiscalCalendar.label(key);
    }

    private static String bucket(State now, State then) {
        if (then == null) {
            return "new";
        }
        if (now == null) {
            return "removed";
        }
        if (!then.closed() && now.won()) {
            return "won";
        }
        if (!then.closed() && now.closed()) {
            return "lost";
        }
        if (now.order() != then.order()) {
            return now.order() > then.order() ? "advanced" : "regressed";
        }
        if (now.quarter() != then.quarter()) {
            return now.quarter() > then.quarter() ? "slipped" : "pulled_in";
        }
        int amount = now.amount().compareTo(then.amount());
        return amount > 0 ? "amount_up" : amount < 0 ? "amount_down" : "unchanged";
    }

    /** A run's deals in id order, merged by id, read a chunk at a time. */
    private static final class Cursor implements AutoCloseable {
        private final PreparedStatement statement;
        private final ResultSet rows;
        private State pending;
        private String lastId;

        Cursor(Connection connection, long runId) throws SQLException {
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                    .contains("postgres");
            // PostgreSQL sorts by locale unless told otherwise; the merge needs code-point order on both sides
            statement = connection.prepareStatement("SELECT deal_id, claimed_order, close_quarter, amount_reporting, "
                    + "CASE WHEN is_open AND NOT is_lead THEN weighted_reported ELSE 0 END, is_won, is_open "
                    + "FROM deal_snapshot WHERE run_id = ? ORDER BY deal_id" + (postgres ? " COLLATE \"C\"" : ""));
            statement.setFetchSize(1000);
            statement.setLong(1, runId);
            rows = statement.executeQuery();
            pending = read();
        }

        State next() throws SQLException {
            State state = pending;
            if (state == null) {
                return null;
            }
            State following = read();
            while (following != null && following.id().equals(state.id())) {
                state = state.merge(following);
                following = read();
            }
            pending = following;
            return state;
        }

        private State read() throws SQLException {
            if (!rows.next()) {
                return null;
            }
            String id = rows.getString(1);
            if (lastId != null && id.compareTo(lastId) < 0) {
                throw new IllegalStateException("deal ids do not come in code-point order (" + lastId + " before "
                        + id + "): the database collation is not supported for movement");
            }
            lastId = id;
            int quarter = rows.getInt(3);
            if (rows.wasNull()) {
                quarter = NO_QUARTER;
            }
            return new State(id, rows.getInt(2), quarter, rows.getBigDecimal(4).setScale(2),
                    rows.getBigDecimal(5).setScale(2), rows.getBoolean(6), !rows.getBoolean(7));
        }

        @Override
        public void close() throws SQLException {
            try {
                rows.close();
            } finally {
                statement.close();
            }
        }
    }
}
