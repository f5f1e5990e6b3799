package com.pipelineforecast.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.pipelineforecast.domain.FiscalCalendar;
import com.pipelineforecast.domain.Money;
import com.pipelineforecast.history.DealStates;
import com.pipelineforecast.history.RunDeals;

/**
 * Movement since the previous run in one streaming pass: both nights' state files are read in deal-id order and
 * merged, so
 * memory holds one deal of each night, whatever their size. Each deal of either night falls in exactly one
 * bucket and contributes tonight's weight minus last night's (as reported, open forecast deals only), so the
 * buckets bridge the two totals to the cent.
 */
@Component
public class MovementAnalyzer {

    static final List<String> BUCKETS = List.of("new", "won", "lost", "advanced", "regressed", "slipped",
            "pulled_in", "amount_up", "amount_down", "removed", "unchanged");
    private static final int NO_QUARTER = DealStates.NO_QUARTER;

    private final DealStates states;
    private final RunDeals runDeals;

    public MovementAnalyzer(DealStates states, RunDeals runDeals) {
        this.states = states;
        this.runDeals = runDeals;
    }

    /**
     * One deal's state on one night (rows repeating its id are merged), with the name, owner and claimed stage of
     * its first row in file and line order.
     */
    private record State(String id, int order, int quarter, BigDecimal amount, BigDecimal weight, boolean won,
            boolean closed, String stage, LocalDate closeDate, String dealName, String owner, String firstStage) {

        State merge(State other) {
            boolean later = other.order > order;
            return new State(id, Math.max(order, other.order), Math.max(quarter, other.quarter),
                    amount.add(other.amount), weight.add(other.weight), won || other.won, closed && other.closed,
                    later ? other.stage : stage, closeDate == null || other.closeDate != null
                            && other.closeDate.isAfter(closeDate) ? other.closeDate : closeDate, dealName, owner,
                    firstStage);
        }
    }

    /**
     * One deal's movement between the two nights: its bucket, and its stage, amount, close date and weight (as
     * reported, open forecast deals only) before and after (null where the deal was not exported that night).
     */
    public record Move(String bucket, String dealId, String stageBefore, String stageAfter, BigDecimal amountBefore,
            BigDecimal amountAfter, java.time.LocalDate closeBefore, java.time.LocalDate closeAfter,
            BigDecimal weightedBefore, BigDecimal weightedAfter, String dealName, String owner, String firstStage) {

        public BigDecimal change() {
            return (weightedAfter == null ? Money.ZERO : weightedAfter).subtract(weightedBefore == null ? Money.ZERO
                    : weightedBefore);
        }
    }

    /** The movement, and the largest deals (by tonight's weight) whose close date slipped to a later quarter. */
    public record Result(ForecastAnalysis.Movement movement, List<Watchlists.SlippedDeal> slipped) {
    }

    private record Slip(String id, BigDecimal weight, int from, int to, String dealName, String owner,
            String stage) {
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
            changes.put(b, Money.ZERO);
            largest.put(b, new TopList<>(topSlipped, java.util.Comparator.comparing((Move m) -> m.change().abs())
                    .thenComparing(Move::dealId, java.util.Comparator.reverseOrder())));
        });
        BigDecimal[] totals = {Money.ZERO, Money.ZERO};
        // the night's moved deals go to a file for the workbook, which would else merge the two nights again
        try (MovedDealsFile.Writer moved = team == null && previousRunId != null
                ? new MovedDealsFile.Writer(MovedDealsFile.of(runDeals.sortFolder(runId))) : null) {
            forEachMove(runId, previousRunId, team, (move, quarters) -> {
                counts.get(move.bucket())[0]++;
                if (move.bucket().equals("slipped")) {
                    slips.offer(new Slip(move.dealId(), move.weightedAfter(), quarters[0], quarters[1],
                            move.dealName(), move.owner(), move.firstStage()));
                }
                if (!move.bucket().equals("unchanged")) {
                    largest.get(move.bucket()).offer(move);
                    if (moved != null) {
                        moved.add(move);
                    }
                }
                changes.merge(move.bucket(), move.change(), BigDecimal::add);
                totals[0] = totals[0].add(move.weightedBefore() == null ? Money.ZERO : move.weightedBefore());
                totals[1] = totals[1].add(move.weightedAfter() == null ? Money.ZERO : move.weightedAfter());
            });
            if (moved != null) {
                moved.commit();
            }
        }
        List<ForecastAnalysis.MovementBucket> buckets = BUCKETS.stream()
                .map(b -> new ForecastAnalysis.MovementBucket(b, counts.get(b)[0], changes.get(b))).toList();
        List<ForecastAnalysis.MovementDeal> deals = new java.util.ArrayList<>();
        if (previousRunId != null) {
            largest.forEach((bucket, top) -> top.largestFirst().forEach(move -> deals.add(described(move))));
        }
        return new Result(new ForecastAnalysis.Movement(previousRunDate, totals[0], totals[1], buckets, deals),
                slips.largestFirst().stream().map(MovementAnalyzer::slipped).toList());
    }

    /**
     * Every deal that moved since the previous night (no unchanged one), in deal-id order: from the file the
     * night's movement pass wrote ({@link #movement}), or, without it, by merging the two nights' state files.
     */
    public void forEachMovedDeal(long runId, Long previousRunId, java.util.function.Consumer<Move> action) {
        if (previousRunId != null && MovedDealsFile.forEach(MovedDealsFile.of(runDeals.sortFolder(runId)), action)) {
            return;
        }
        forEachMove(runId, previousRunId, null, (move, quarters) -> {
            if (!move.bucket().equals("unchanged")) {
                action.accept(move);
            }
        });
    }

    /** Receives each move with the close quarters before and after (for slipped deals). */
    private interface MoveHandler {
        void accept(Move move, int[] quarters);
    }

    /**
     * Every deal of either night in one bucket, in deal-id order: both nights are read in that order and merged,
     * so memory holds one deal of each night. Tonight's deals come from its state file (sorted from its deal
     * records the first time); the previous night's from its state file where it still has one, else from the
     * snapshot by its deal-id index.
     */
    private void forEachMove(long runId, Long previousRunId, String team, MoveHandler handler) {
        states.sorted(runId);
        if (previousRunId != null && !states.available(previousRunId)) {
            throw new IllegalStateException("the deal states of run " + previousRunId + ", which tonight is compared"
                    + " with, are missing: its file in the database folder's state folder was removed");
        }
        try (Cursor tonight = new Cursor(states.read(runId, team));
                Cursor before = new Cursor(previousRunId == null ? null : states.read(previousRunId, team))) {
            State c = tonight.next();
            State p = before.next();
            while (c != null || p != null) {
                int order = c == null ? 1 : p == null ? -1 : c.id().compareTo(p.id());
                State now = order <= 0 ? c : null;
                State then = order >= 0 ? p : null;
                State named = now != null ? now : then;
                handler.accept(new Move(bucket(now, then), named.id(),
                        then == null ? null : then.stage(), now == null ? null : now.stage(),
                        then == null ? null : then.amount(), now == null ? null : now.amount(),
                        then == null ? null : then.closeDate(), now == null ? null : now.closeDate(),
                        then == null ? null : then.weight(), now == null ? null : now.weight(), named.dealName(),
                        named.owner(), named.firstStage()),
                        new int[] {then == null ? NO_QUARTER : then.quarter(), now == null ? NO_QUARTER
                                : now.quarter()});
                if (now != null) {
                    c = tonight.next();
                }
                if (then != null) {
                    p = before.next();
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot compare run " + runId + " with the previous run", e);
        }
    }

    /** A listed move with the deal's name and owner (tonight's, else the previous night's). */
    private static ForecastAnalysis.MovementDeal described(Move move) {
        return new ForecastAnalysis.MovementDeal(move.bucket(), move.dealId(), move.dealName(), move.owner(),
                move.stageBefore(), move.stageAfter(), move.amountBefore(), move.amountAfter(),
                move.closeBefore() == null ? null : move.closeBefore().toString(),
                move.closeAfter() == null ? null : move.closeAfter().toString(), move.weightedBefore(),
                move.weightedAfter(), move.change());
    }

    private static Watchlists.SlippedDeal slipped(Slip slip) {
        return new Watchlists.SlippedDeal(slip.id(), slip.dealName(), slip.owner(), slip.stage(),
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

    /** A run's deals in id order from its state file ({@link DealStates}), rows of one id merged. */
    private static final class Cursor implements AutoCloseable {
        private final DealStates.Reader reader;
        private State pending;
        private boolean started;

        /** @param reader null: a night without deals (no previous run) */
        Cursor(DealStates.Reader reader) {
            this.reader = reader;
        }

        State next() throws java.io.IOException {
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

        private State read() throws java.io.IOException {
            DealStates.State s = reader == null ? null : reader.next();
            return s == null ? null : new State(s.id(), s.order(), s.quarter(), s.amount(), s.weight(), s.won(),
                    !s.open(), s.stage(), s.closeDate(), s.dealName(), s.owner(), s.stage());
        }

        @Override
        public void close() throws java.io.IOException {
            if (reader != null) {
                reader.close();
            }
        }
    }
}
