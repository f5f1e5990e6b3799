package com.pipelineforecast.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;

/** The built-in schedule on a test clock: firings, run dates, the missed night, no overlap. */
class NightlyScheduleTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    /** A clock that moves only when told to: when the schedule sleeps, or when a run takes time. */
    static final class TestClock extends Clock {
        private Instant now;
        private final ZoneId zone;

        TestClock(Instant start, ZoneId zone) {
            this.now = start;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            TestClock view = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return other;
                }

                @Override
                public Clock withZone(ZoneId z) {
                    return view.withZone(z);
                }

                @Override
                public Instant instant() {
                    return view.instant();
                }
            };
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        synchronized void set(Instant instant) {
            if (instant.isAfter(now)) {
                now = instant;
            }
        }

        synchronized void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    private final List<String> started = new ArrayList<>();
    private final List<Instant> slept = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private int mostAtOnce;

    private NightlySchedule schedule(String cron, ZoneId zone, TestClock clock) {
        return new NightlySchedule(cron, zone, clock, when -> {
            slept.add(when);
            clock.set(when);
        });
    }

    private RunOutcome night(TestClock clock, LocalDate date, Duration takes) {
        mostAtOnce = Math.max(mostAtOnce, running.incrementAndGet());
        started.add(date + " at " + clock.instant());
        clock.advance(takes);
        running.decrementAndGet();
        return new RunOutcome(ExitCode.SUCCESS, "run " + date + " completed", null, null);
    }

    @Test
    void startsOneRunPerFiringWithTheFiringsDate() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2033-10-10T01:00:00Z"), UTC);
        schedule("0 0 2 * * *", UTC, clock).run(d -> Optional.of(LocalDate.parse("2033-10-09")),
                date -> night(clock, date, Duration.ofMinutes(3)), 3);
        // 2033-10-09 completed and its firing (02:00) is past: nothing missed
        assertThat(started).containsExactly("2033-10-10 at 2033-10-10T02:00:00Z", "2033-10-11 at 2033-10-11T02:00:00Z",
                "2033-10-12 at 2033-10-12T02:00:00Z");
        assertThat(slept).containsExactly(Instant.parse("2033-10-10T02:00:00Z"), Instant.parse("2033-10-11T02:00:00Z"),
                Instant.parse("2033-10-12T02:00:00Z"));
    }

    @Test
    void aNightMissedWhileDownIsRunOnceNotOncePerMissedNight() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2033-10-10T09:00:00Z"), UTC);
        schedule("0 0 2 * * *", UTC, clock).run(d -> Optional.of(LocalDate.parse("2033-10-01")),
                date -> night(clock, date, Duration.ofMinutes(3)), 1);
        assertThat(started).containsExactly("2033-10-10 at 2033-10-10T09:00:00Z", "2033-10-11 at 2033-10-11T02:00:00Z");
    }

    @Test
    void withoutAnyCompletedRunTheFirstRunIsAtTheNextFiring() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2033-10-10T09:00:00Z"), UTC);
        schedule("0 0 2 * * *", UTC, clock).run(d -> Optional.empty(), date -> night(clock, date, Duration.ZERO), 1);
        assertThat(started).containsExactly("2033-10-11 at 2033-10-11T02:00:00Z");
    }

    @Test
    void runsNeverOverlapAndAFiringPassedDuringARunIsSkipped() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2033-10-01T00:00:30Z"), UTC);
        // every minute, and every run takes 90 seconds
        schedule("0 * * * * *", UTC, clock).run(d -> Optional.of(LocalDate.parse("2033-09-30")),
                date -> night(clock, date, Duration.ofSeconds(90)), 3);
        assertThat(mostAtOnce).isEqualTo(1);
        assertThat(started).containsExactly("2033-10-01 at 2033-10-01T00:00:30Z", "2033-10-01 at 2033-10-01T00:03:00Z",
                "2033-10-01 at 2033-10-01T00:05:00Z", "2033-10-01 at 2033-10-01T00:07:00Z");
    }

    @Test
    void firesInTheGivenZone() throws Exception {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 23:30 UTC on the 10th is 01:30 on the 11th in Berlin (summer time ends on 2033-10-30)
        TestClock clock = new TestClock(Instant.parse("2033-10-10T23:30:00Z"), berlin);
        schedule("0 0 2 * * *", berlin, clock).run(d -> Optional.of(d.minusDays(1)),
                date -> night(clock, date, Duration.ZERO), 1);
        assertThat(started).containsExactly("2033-10-11 at 2033-10-11T00:00:00Z");
    }

    @Test
    void aBadExpressionIsABadOption() {
        assertThatThrownBy(() -> NightlySchedule.parse("every night")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--schedule: not a cron expression 'every night'");
    }
}
