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

import com.pipelineforecast.domain.FiscalCalendar;
import com.pipelineforecast.history.DealSnapshotRepository;
import com.pipelineforecast.history.DealStates;

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
    private static final int NO_QUARTER = DealStates.NO_QUARTER;

    /**
     * A run's deals in id order as the merge reads them; formatted with {@link #TEAM_FILTER} or nothing, and with
     * {@link #CODE_POINT_ORDER} on PostgreSQL or nothing.
     */
    private static final String FIND_DEAL_STATES_IN_ID_ORDER_FORMAT = """
            SELECT deal_id, claimed_order, close_quarter, amount_reporting,
                   CASE WHEN is_open AND NOT is_lead THEN weighted_reported ELSE 0 END, is_won, is_open,
                   claimed_stage, close_date
            FROM deal_snapshot WHERE run_id = ?%s ORDER BY deal_id%s""";
    private static final String TEAM_FILTER = " AND team = ?";
    // PostgreSQL sorts by locale unless told otherwise; the merge needs code-point order on both sides
    private static final String CODE_POINT_ORDER = " COLLATE \"C\"";

    private final DataSource dataSource;
    private final DealSnapshotRepository deals;
    private final DealStates states;

    public MovementAnalyzer(DataSource dataSource, DealSnapshotRepository deals, DealStates states) {
        this.dataSource = dataSource;
        this.deals = deals;
        this.states = states;
    }

    /** One deal's state on one night (rows repeating its id are merged). */
    private record State(String id, int order, int quarter, BigDecimal amount, BigDecimal weight, boolean won,
            boolean closed, String stage, java.sql.Date closeDate) {

        State merge(State other) {
            boolean later = other.order > order;
            return new State(id, Math.max(order, other.order), Math.max(quarter, other.quarter),
                    amount.add(other.amount), weight.add(other.weight), won || other.won, closed && other.closed,
                    later ? other.stage : stage, closeDate == null || other.closeDate != null
                            && other.closeDate.after(closeDate) ? other.closeDate : closeDate);
        }
    }

    /**
     * One deal's movement between the two nights: its bucket, and its stage, amount, close date and weight (as
     * reported, open forecast deals only) before and after (null where the deal was not exported that night).
     */
    public record Move(String bucket, String dealId, String stageBefore, String stageAfter, BigDecimal amountBefore,
            BigDecimal amountAfter, java.time.LocalDate closeBefore, java.time.LocalDate closeAfter,
            BigDecimal weightedBefore, BigDecimal weightedAfter) {

        public BigDecimal change() {
            return (weightedAfter == null ? ZERO : weightedAfter).subtract(weightedBefore == null ? ZERO
                    : weightedBefore);
        }
    }

    /** The movement, and the largest deals (by tonight's weight) whose close date slipped to a later quarter. */
    public record Result(ForecastAnalysis.Movement movement, List<Watchlists.SlippedDeal> slipped) {
    }

    private record Slip(String id, BigDecimal weight, int from, int to) {
    }

    public Result movement(long runId, Long previousRunId, String previousRunDate, int topSlipped) {
        return movement(runId, previousRunId, previousRunDate, topSlipped, null);
    }

    /**
     * The movement of one team's deals ({@code team} null: of every deal): a deal counts where it stood each
     * night, so one that changed team leaves the old team's report as removed and enters the new one's as new.
     */
    public Result movement(long runId, Long previousRunId, String previousRunDate, int topSlipped, String team) {
        TopList<Slip> slips = new TopList<>(topSlipped, java.util.Comparator.comparing(Slip::weight)
                .thenComparing(Slip::id, java.util.Comparator.reverseOrder()));
        Map<String, TopList<Move>> largest = new LinkedHashMap<>();
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, BigDecimal> changes = new LinkedHashMap<>();
        BUCKETS.forEach(b -> {
            counts.put(b, new long[1]);
            changes.put(b, ZERO);
            largest.put(b, new TopList<>(topSlipped, java.util.Comparator.comparing((Move m) -> m.change().abs())
                    .thenComparing(Move::dealId, java.util.Comparator.reverseOrder())));
        });
        BigDecimal[] totals = {ZERO, ZERO};
        forEachMove(runId, previousRunId, team, (move, quarters) -> {
            counts.get(move.bucket())[0]++;
            if (move.bucket().equals("slipped")) {
                slips.offer(new Slip(move.dealId(), move.weightedAfter(), quarters[0], quarters[1]));
            }
            if (!move.bucket().equals("unchanged")) {
                largest.get(move.bucket()).offer(move);
            }
            changes.merge(move.bucket(), move.change(), BigDecimal::add);
            totals[0] = totals[0].add(move.weightedBefore() == null ? ZERO : move.weightedBefore());
            totals[1] = totals[1].add(move.weightedAfter() == null ? ZERO : move.weightedAfter());
        });
        List<ForecastAnalysis.MovementBucket> buckets = BUCKETS.stream()
                .map(b -> new ForecastAnalysis.MovementBucket(b, counts.get(b)[0], changes.get(b))).toList();
        List<ForecastAnalysis.MovementDeal> deals = new java.util.ArrayList<>();
        if (previousRunId != null) {
            largest.forEach((bucket, top) -> top.largestFirst().forEach(move -> deals.add(described(runId,
                    previousRunId, move))));
        }
        return new Result(new ForecastAnalysis.Movement(previousRunDate, totals[0], totals[1], buckets, deals),
                slips.largestFirst().stream().map(slip -> slipped(runId, slip)).toList());
    }

    /** Receives each move with the close quarters before and after (for slipped deals). */
    public interface MoveHandler {
        void accept(Move move, int[] quarters);
    }

    /**
     * Every deal of either night in one bucket, in deal-id order: both nights are read in that order and merged,
     * so memory holds one deal of each night. Tonight's deals come from its state file (sorted from its deal
     * records the first time); the previous night's from its state file where it still has one, else from the
     * snapshot by its deal-id index.
     */
    public void forEachMove(long runId, Long previousRunId, MoveHandler handler) {
        forEachMove(runId, previousRunId, null, handler);
    }

    private void forEachMove(long runId, Long previousRunId, String team, MoveHandler handler) {
        states.sorted(runId);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Cursor tonight = new FileCursor(states.read(runId, team));
                Cursor before = previousRunId != null && states.has(previousRunId)
                        ? new FileCursor(states.read(previousRunId, team))
                        : new SnapshotCursor(connection, previousRunId == null ? -1L : previousRunId, team)) {
            State c = tonight.next();
            State p = before.next();
            while (c != null || p != null) {
                int order = c == null ? 1 : p == null ? -1 : c.id().compareTo(p.id());
                State now = order <= 0 ? c : null;
                State then = order >= 0 ? p : null;
                handler.accept(new Move(bucket(now, then), now != null ? now.id() : then.id(),
                        then == null ? null : then.stage(), now == null ? null : now.stage(),
                        then == null ? null : then.amount(), now == null ? null : now.amount(),
                        then == null || then.closeDate() == null ? null : then.closeDate().toLocalDate(),
                        now == null || now.closeDate() == null ? null : now.closeDate().toLocalDate(),
                        then == null ? null : then.weight(), now == null ? null : now.weight()),
                        new int[] {then == null ? NO_QUARTER : then.quarter(), now == null ? NO_QUARTER
                                : now.quarter()});
                if (now != null) {
                    c = tonight.next();
                }
                if (then != null) {
                    p = before.next();
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new DataAccessResourceFailureException("cannot compare run " + runId + " with the previous run", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** A listed move with the deal's name and owner (tonight's, else the previous night's). */
    private ForecastAnalysis.MovementDeal described(long runId, long previousRunId, Move move) {
        DealSnapshotRepository.Named named = deals.firstNamed(move.stageAfter() != null ? runId : previousRunId,
                move.dealId()).orElse(null);
        return new ForecastAnalysis.MovementDeal(move.bucket(), move.dealId(), named == null ? null : named.dealName(),
                named == null ? null : named.owner(), move.stageBefore(), move.stageAfter(), move.amountBefore(),
                move.amountAfter(), move.closeBefore() == null ? null : move.closeBefore().toString(),
                move.closeAfter() == null ? null : move.closeAfter().toString(), move.weightedBefore(),
                move.weightedAfter(), move.change());
    }

    private Watchlists.SlippedDeal slipped(long runId, Slip slip) {
        DealSnapshotRepository.Named named = deals.firstNamed(runId, slip.id()).orElseThrow();
        return new Watchlists.SlippedDeal(slip.id(), named.dealName(), named.owner(), named.claimedStage(),
                quarter(slip.from()), quarter(slip.to()), slip.weight());
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

    /** A run's deals in id order, rows of one id merged. */
    private abstract static class Cursor implements AutoCloseable {
        private State pending;
        private boolean started;

        State next() throws SQLException, java.io.IOException {
            if (!started) {
                started = true;
                pending = read();
            }
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

        /** The next row in id order, or null after the last. */
        abstract State read() throws SQLException, java.io.IOException;

        @Override
        public abstract void close() throws SQLException, java.io.IOException;
    }

    /** A run's deals from its state file ({@link DealStates}). */
    private static final class FileCursor extends Cursor {
        private final DealStates.Reader reader;

        FileCursor(DealStates.Reader reader) {
            this.reader = reader;
        }

        @Override
        State read() throws java.io.IOException {
            DealStates.State s = reader.next();
            return s == null ? null : new State(s.id(), s.order(), s.quarter(), s.amount(), s.weight(), s.won(),
                    !s.open(), s.stage(), s.closeDate() == null ? null : java.sql.Date.valueOf(s.closeDate()));
        }

        @Override
        public void close() throws java.io.IOException {
            reader.close();
        }
    }

    /** A run's deals from the snapshot by its deal-id index, read a chunk at a time (a run without state file). */
    private static final class SnapshotCursor extends Cursor {
        private final PreparedStatement statement;
        private final ResultSet rows;
        private String lastId;

        SnapshotCursor(Connection connection, long runId, String team) throws SQLException {
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                    .contains("postgres");
            statement = connection.prepareStatement(FIND_DEAL_STATES_IN_ID_ORDER_FORMAT.formatted(
                    team == null ? "" : TEAM_FILTER, postgres ? CODE_POINT_ORDER : ""));
            statement.setFetchSize(1000);
            statement.setLong(1, runId);
            if (team != null) {
                statement.setString(2, team);
            }
            rows = statement.executeQuery();
        }

        @Override
        State read() throws SQLException {
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
                    rows.getBigDecimal(5).setScale(2), rows.getBoolean(6), !rows.getBoolean(7), rows.getString(8),
                    rows.getDate(9));
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
