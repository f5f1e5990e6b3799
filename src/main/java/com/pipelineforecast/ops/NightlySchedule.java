package com.pipelineforecast.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;

import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;

/**
 * {@code --schedule=CRON}: the job's own scheduler for machines without cron. It keeps the process running and
 * starts one run per firing of the Spring cron expression in {@code --zone}, the run date being the firing's date;
 * runs are started one after the other by this one thread, so two never overlap (a firing that passes while a run
 * is still going is skipped, and logged). At start, the latest firing before now is compared with the last
 * completed run date: if that night was missed while the process was down it is run once, however many nights
 * were missed. Each run's exit code is logged with its meaning.
 */
public final class NightlySchedule {

    private static final Logger log = LoggerFactory.getLogger("pipeline.schedule");
    /** How far back the missed firing is looked for. */
    private static final Duration CATCH_UP_WINDOW = Duration.ofDays(366);

    /** Waits until an instant of the clock (the tests' clock just moves there). */
    public interface Sleeper {
        void sleepUntil(Instant when) throws InterruptedException;
    }

    private final CronExpression cron;
    private final String expression;
    private final ZoneId zone;
    private final Clock clock;
    private final Sleeper sleeper;

    public NightlySchedule(String expression, ZoneId zone, Clock clock, Sleeper sleeper) {
        this.cron = parse(expression);
        this.expression = expression;
        this.zone = zone;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The cron expression, or an IllegalArgumentException naming the option and the format. */
    public static CronExpression parse(String expression) {
        try {
            return CronExpression.parse(expression.trim());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("--schedule: not a cron expression '" + expression + "' (six fields: "
                    + "second minute hour day-of-month month day-of-week, e.g. '0 0 2 * * *' for 02:00 every "
                    + "night): " + e.getMessage());
        }
    }

    /** A sleeper on the real clock: sleeps in steps, so a clock that is set on the way is followed. */
    public static Sleeper realTime(Clock clock) {
        return when -> {
            for (Duration left = Duration.between(clock.instant(), when); !left.isNegative() && !left.isZero();
                    left = Duration.between(clock.instant(), when)) {
                Thread.sleep(Math.max(1, Math.min(left.toMillis(), 60_000)));
            }
        };
    }

    /** The latest firing at or before now, after the start of the given date (null when there is none). */
    ZonedDateTime previousFiring(ZonedDateTime now, LocalDate after) {
        ZonedDateTime from = after.plusDays(1).atStartOfDay(zone).minusNanos(1);
        ZonedDateTime earliest = now.minus(CATCH_UP_WINDOW);
        if (from.isBefore(earliest)) {
            from = earliest;
        }
        ZonedDateTime previous = null;
        for (ZonedDateTime t = cron.next(from); t != null && !t.isAfter(now); t = cron.next(t)) {
            previous = t;
        }
        return previous;
    }

    /**
     * Runs the schedule until interrupted or until {@code firings} runs were started at their firings.
     *
     * @param lastCompleted the last completed (published) run date on or before the given date, from the history
     * @param night starts the run of a date and returns how it ended
     */
    public void run(Function<LocalDate, Optional<LocalDate>> lastCompleted, Function<LocalDate, RunOutcome> night,
            long firings) throws InterruptedException {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        log.info("schedule '{}' in {}: started", expression, zone);
        Optional<LocalDate> completed = lastCompleted.apply(now.toLocalDate());
        if (completed.isPresent()) {
            ZonedDateTime missed = previousFiring(now, completed.get());
            if (missed != null) {
                log.warn("schedule: the firing at {} was missed (last completed run date {}): running it once now",
                        missed, completed.get());
                start(night, missed.toLocalDate());
            }
        } else {
            log.info("schedule: no completed run in the history yet; the first run is at the next firing");
        }
        for (long started = 0; started < firings; started++) {
            now = ZonedDateTime.now(clock.withZone(zone));
            ZonedDateTime next = cron.next(now);
            if (next == null) {
                log.warn("schedule '{}': no further firing", expression);
                return;
            }
            log.info("schedule: next run at {}", next);
            sleeper.sleepUntil(next.toInstant());
            start(night, next.toLocalDate());
            ZonedDateTime ended = ZonedDateTime.now(clock.withZone(zone));
            long skipped = 0;
            ZonedDateTime first = null;
            for (ZonedDateTime t = cron.next(next); t != null && !t.isAfter(ended); t = cron.next(t)) {
                first = first == null ? t : first;
                skipped++;
            }
            if (skipped > 0) {
                log.warn("schedule: {} firing{} from {} skipped: the run of {} was still running (runs never "
                        + "overlap)", skipped, skipped == 1 ? "" : "s", first, next.toLocalDate());
            }
        }
    }

    private void start(Function<LocalDate, RunOutcome> night, LocalDate date) {
        log.info("schedule: starting the run of {}", date);
        RunOutcome outcome;
        try {
            outcome = night.apply(date);
        } catch (RuntimeException e) {
            log.error("schedule: the run of {} ended with an error: {}", date, e.getMessage());
            return;
        }
        String meaning = FailureNotice.meaning(outcome.exitCode());
        if (outcome.exitCode() == ExitCode.SUCCESS) {
            log.info("schedule: run {} ended with exit code 0 ({})", date, meaning);
        } else {
            log.warn("schedule: run {} ended with exit code {} ({}): {}", date, outcome.exitCode().code(), meaning,
                    outcome.message());
        }
    }
}
