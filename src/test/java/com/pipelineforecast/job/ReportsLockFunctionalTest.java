package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import com.pipelineforecast.report.ReportsLock;
import com.pipelineforecast.report.ReportsLockHolder;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.TestRuns;

/**
 * Two installations sharing one reports folder: the lock {@code reports/.lock} is an operating-system lock, so the
 * other holder is a process of its own (within one JVM the lock would only raise OverlappingFileLockException).
 */
@TestPropertySource(properties = "pipeline.reports-lock-wait=4")
class ReportsLockFunctionalTest extends JobTestSupport {

    @Test
    void aRunFindingTheReportsFolderLockedWaitsThenExitsOneNamingTheLockAndItsHolder() throws Exception {
        Path reports = reports().resolve("held");
        Files.createDirectories(reports);
        RunOutcome yesterday = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2037-03-01", 500));
        assertThat(yesterday.exitCode()).isEqualTo(ExitCode.SUCCESS);
        byte[] published = Files.readAllBytes(yesterday.reportFolder().resolve("run.json"));

        Holder holder = Holder.start(reports, 600_000);
        try {
            long started = System.nanoTime();
            RunOutcome blocked = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2037-03-02", 500));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(blocked.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
            assertThat(blocked.message()).doesNotContain("\n").hasSizeLessThanOrEqualTo(NightlyRun.MESSAGE_LIMIT)
                    .contains("run 2037-03-02 not started", ReportsLock.file(reports).toString(),
                            "pid " + holder.process.pid(), "waited 4 s", "start it again");
            assertThat(waited).as("waited the bounded time, then gave up").isBetween(3_500L, 30_000L);
            assertThat(reports.resolve("2037-03-02")).doesNotExist();
            assertThat(keptDeals("2037-03-02")).isEmpty();
            assertThat(Files.readAllBytes(yesterday.reportFolder().resolve("run.json"))).isEqualTo(published);
            assertThat(names(reports)).containsExactlyInAnyOrder("2037-03-01", ".lock");
            assertThat(Files.readString(ReportsLock.file(reports))).contains("pid " + holder.process.pid());
        } finally {
            holder.kill();
        }

        // the holder was killed: its lock died with it, the file it left is taken over and removed afterwards
        assertThat(ReportsLock.file(reports)).exists();
        RunOutcome after = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2037-03-02", 500));
        assertThat(after.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(names(reports)).containsExactlyInAnyOrder("2037-03-01", "2037-03-02");
    }

    @Test
    void aRunWaitsForAHolderThatLetsGoWithinTheWait() throws Exception {
        Path reports = reports().resolve("released");
        Files.createDirectories(reports);
        Holder holder = Holder.start(reports, 1_500);
        try {
            RunOutcome outcome = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2037-03-05", 500));
            assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
            assertThat(holder.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(holder.process.exitValue()).isZero();
            assertThat(holder.output()).contains("released");
        } finally {
            holder.kill();
        }
        assertThat(names(reports)).containsExactly("2037-03-05");
    }

    @Test
    void whileThisProcessHoldsTheLockAnotherProcessCannotTakeIt() throws Exception {
        Path reports = Files.createDirectories(reports().resolve("mine"));
        try (ReportsLock mine = ReportsLock.acquire(reports, Duration.ZERO)) {
            Holder other = Holder.start(reports, 0, false, "2");
            try {
                assertThat(other.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                // the other process waited its 2 s in vain: acquire failed with the holder named
                assertThat(other.process.exitValue()).isNotZero();
                assertThat(other.output()).contains("lock file " + ReportsLock.file(reports),
                        "pid " + ProcessHandle.current().pid()).doesNotContainPattern("(?m)^held$");
            } finally {
                other.kill();
            }
        }
        assertThat(ReportsLock.file(reports)).doesNotExist();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** A second JVM holding (or trying to take) the reports folder's lock. */
    private static final class Holder {

        final Process process;
        final StringBuilder output = new StringBuilder();
        final Thread reader;

        private Holder(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        synchronized (output) {
                            output.append(line).append('\n');
                            output.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Holder start(Path reports, long holdMillis) throws Exception {
            return start(reports, holdMillis, true, "30");
        }

        static Holder start(Path reports, long holdMillis, boolean awaitHeld, String waitSeconds) throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    ReportsLockHolder.class.getName(), reports.toString(), Long.toString(holdMillis), waitSeconds)
                    .redirectErrorStream(true).start();
            Holder holder = new Holder(process);
            if (awaitHeld) {
                long deadline = System.currentTimeMillis() + 60_000;
                synchronized (holder.output) {
                    while (!holder.output.toString().contains("held") && System.currentTimeMillis() < deadline
                            && process.isAlive()) {
                        holder.output.wait(200);
                    }
                }
                assertThat(holder.output()).as("the second process took the lock").contains("held");
            }
            return holder;
        }

        String output() throws InterruptedException {
            reader.join(10_000);
            synchronized (output) {
                return output.toString();
            }
        }

        void kill() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
