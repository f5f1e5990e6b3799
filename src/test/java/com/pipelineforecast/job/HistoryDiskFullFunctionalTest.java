package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pipelineforecast.support.TestRuns;

/**
 * The disk of the embedded database runs full in the middle of a night: the job, in a JVM of its own with its
 * database on a 3 MB tmpfs, exits 1 with one line naming the database folder and the lack of space (not
 * {@code InternalError: a fault occurred in a recent unsafe memory access}, {@code invalid cursor state} or
 * {@code Data File size limit is reached}); the previous night's reports are untouched; once the disk is grown the
 * restart ends with the same figures as a night on a disk with room. Skipped where a tmpfs cannot be mounted.
 */
class HistoryDiskFullFunctionalTest {

    private static final String FIRST = "2038-01-04";
    private static final String NIGHT = "2038-01-05";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path work;
    private static Path disk;

    @BeforeAll
    static void mountSmallDisk() throws Exception {
        work = Files.createTempDirectory("pipeline-forecast-history-full");
        disk = Files.createDirectories(work.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        if (!mounted) {
            disk = null;
        }
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (not root, or not permitted)");
    }

    @AfterAll
    static void unmount() throws Exception {
        if (disk != null) {
            new ProcessBuilder("umount", disk.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullDatabaseDiskIsOneLineNamingTheDatabaseAndTheRestartEndsWithTheSameFigures() throws Exception {
        Path big = bigInput(work.resolve("big-input"));
        // the same two nights on a disk with room
        Path roomy = work.resolve("roomy");
        assertThat(start(TestRuns.SAMPLE_INPUT, FIRST, roomy.resolve("db"), roomy.resolve("reports")).exitCode)
                .isZero();
        assertThat(start(big, NIGHT, roomy.resolve("db"), roomy.resolve("reports")).exitCode).isZero();

        Path database = disk.resolve("db");
        Path reports = Files.createDirectories(work.resolve("reports"));
        Attempt first = start(TestRuns.SAMPLE_INPUT, FIRST, database, reports);
        assertThat(first.exitCode).as(first.log).isZero();
        byte[] published = Files.readAllBytes(reports.resolve(FIRST).resolve("run.json"));

        // leave 700 KB: enough to open the database, not to take 9,720 more deals
        Path filler = disk.resolve("filler");
        Files.write(filler, new byte[(int) Math.max(0, Files.getFileStore(disk).getUsableSpace() - 700 * 1024)]);
        Attempt full = start(big, NIGHT, database, reports);
        assertThat(full.exitCode).as(full.log).isEqualTo(1);
        String line = full.lastErrorLine();
        assertThat(line).as(full.log).contains("no space left on device for the history database in "
                + database.toAbsolutePath().normalize(), "free space and")
                .hasSizeLessThan(NightlyRun.MESSAGE_LIMIT + 120);
        assertThat(full.log).doesNotContain("unsafe memory access", "invalid cursor state",
                "Data File size limit", "\tat ");
        assertThat(Files.readAllBytes(reports.resolve(FIRST).resolve("run.json"))).isEqualTo(published);
        assertThat(reports.resolve(NIGHT)).doesNotExist();

        Files.delete(filler);
        Process grow = new ProcessBuilder("mount", "-o", "remount,size=200m", disk.toString()).start();
        assertThat(grow.waitFor(30, TimeUnit.SECONDS) && grow.exitValue() == 0).as("tmpfs grown").isTrue();
        Attempt restarted = start(big, NIGHT, database, reports);
        assertThat(restarted.exitCode).as(restarted.log).isZero();
        JsonNode expected = JSON.readTree(roomy.resolve("reports").resolve(NIGHT).resolve("run.json").toFile());
        JsonNode actual = JSON.readTree(reports.resolve(NIGHT).resolve("run.json").toFile());
        for (String section : List.of("counts", "totals", "byStage", "findings", "rejectedReasons", "movement")) {
            assertThat(actual.path(section)).as(section).isEqualTo(expected.path(section));
        }
    }

    /** The sample export thirty times over, each copy with deal ids of its own: 9,720 rows. */
    private static Path bigInput(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.copy(TestRuns.SAMPLE_INPUT.resolve("fx-rates.csv"), folder.resolve("fx-rates.csv"));
        List<String> lines = Files.readAllLines(TestRuns.SAMPLE_INPUT.resolve("sample-deals.csv"),
                StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (int copy = 0; copy < 30; copy++) {
            for (String row : lines.subList(1, lines.size())) {
                // the deal id is the first field; rows without one stay without one
                out.add(row.startsWith("D-") ? row.replaceFirst("^(D-[^,]*)", "$1-" + copy) : row);
            }
        }
        Files.write(folder.resolve("deals.csv"), out, StandardCharsets.UTF_8);
        return folder;
    }

    record Attempt(int exitCode, String log) {

        String lastErrorLine() {
            String last = "";
            for (String line : log.split("\n")) {
                if (line.contains("ERROR") || line.startsWith("pipeline-forecast:")) {
                    last = line;
                }
            }
            return last;
        }
    }

    private static Attempt start(Path input, String date, Path database, Path reports) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "com.pipelineforecast.PipelineForecastApplication",
                "--input=" + input, "--run-date=" + date, "--reports=" + reports,
                "--pipeline.database=" + database, "--chunk-size=500").redirectErrorStream(true)
                .redirectOutput(work.resolve("attempt.log").toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the job ended").isTrue();
        return new Attempt(process.exitValue(), Files.readString(work.resolve("attempt.log")));
    }
}
