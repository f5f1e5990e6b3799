package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/**
 * The reports disk runs full while a night renders: one line naming the file and the lack of space, exit 1, the
 * previous night untouched, nothing left behind; once space is freed the restart ends with the same figures. The
 * reports folder is a 1.5 MB tmpfs mounted for the test (skipped where mounting is not permitted; DiskFullTest
 * covers the messages with injected faults).
 */
class DiskFullFunctionalTest extends JobTestSupport {

    private static Path mountPoint;

    @BeforeAll
    static void mountSmallDisk() throws Exception {
        mountPoint = Files.createDirectories(work.resolve("small-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1500k", "tmpfs", mountPoint.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        if (!mounted) {
            mountPoint = null;
        }
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (not root, or not permitted)");
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mountPoint != null) {
            new ProcessBuilder("umount", mountPoint.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullReportsDiskIsOneLineNamingTheFileAndTheRestartAfterFreeingSpaceEndsWithTheSameFigures()
            throws Exception {
        Path reports = Files.createDirectories(mountPoint.resolve("reports"));
        RunOutcome first = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2037-06-01", 500));
        assertThat(first.exitCode()).as(first.message()).isEqualTo(ExitCode.SUCCESS);
        byte[] published = Files.readAllBytes(first.reportFolder().resolve("run.json"));
        byte[] workbook = Files.readAllBytes(first.reportFolder().resolve("pipeline.xlsx"));

        // leave about 250 KB: less than the next night's reports need
        long free = Files.getFileStore(reports).getUsableSpace();
        Path filler = mountPoint.resolve("filler");
        Files.write(filler, new byte[(int) Math.max(0, free - 250 * 1024)]);

        RunOutcome full = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2037-06-02", 500));
        assertThat(full.exitCode()).isEqualTo(ExitCode.JOB_FAILED);
        assertThat(full.message()).doesNotContain("\n").hasSizeLessThanOrEqualTo(NightlyRun.MESSAGE_LIMIT)
                .contains("run 2037-06-02 failed", "no space left on device while writing " + reports.resolve(
                        ".staging-2037-06-02"), "KB free", "free space and start it again with the same --run-date")
                .doesNotContain("InternalError", "unsafe", "invalid cursor state");
        assertThat(Files.readAllBytes(first.reportFolder().resolve("run.json"))).isEqualTo(published);
        assertThat(Files.readAllBytes(first.reportFolder().resolve("pipeline.xlsx"))).isEqualTo(workbook);
        assertThat(names(reports)).containsExactly("2037-06-01");

        Files.delete(filler);
        RunOutcome restarted = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2037-06-02", 500));
        assertThat(restarted.exitCode()).as(restarted.message()).isEqualTo(ExitCode.SUCCESS);
        assertThat(restarted.message()).doesNotContain("already complete");
        assertThat(names(reports)).containsExactlyInAnyOrder("2037-06-01", "2037-06-02");
        RunJson before = RunJson.read(first.reportFolder());
        RunJson after = RunJson.read(restarted.reportFolder());
        for (String section : List.of("counts", "totals", "byStage", "findings", "rejectedReasons")) {
            assertThat(after.root().path(section)).as(section).isEqualTo(before.root().path(section));
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }
}
