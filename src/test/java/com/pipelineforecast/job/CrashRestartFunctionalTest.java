package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pipelineforecast.benchmark.SyntheticExport;

/**
 * The job as a scheduler runs it, in a process of its own, killed with SIGKILL at a moment found from its log (at
 * each step boundary and in the middle of steps), then started again with the same arguments: the restart must end
 * with exit 0 and the same run.json (timings aside), findings.csv, rejected.csv and workbook summary as a run that
 * was never interrupted, and a watcher polling the reports folder must never see the run's folder half-written.
 */
class CrashRestartFunctionalTest {

    private static final String DATE = "2033-03-01";
    private static final int DEALS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path work;
    private static Path input;
    private static Outputs uninterrupted;

    @BeforeAll
    static void uninterruptedRun() throws Exception {
        work = Files.createTempDirectory("pipeline-forecast-crash");
        input = Files.createDirectories(work.resolve("input"));
        Files.writeString(input.resolve("fx-rates.csv"), com.pipelineforecast.benchmark.SyntheticExport.FX_RATES);
        SyntheticExport.write(input.resolve("synthetic-deals.csv"), DEALS, LocalDate.parse(DATE));
        Path clean = work.resolve("uninterrupted");
        assertThat(start(clean, null).exitCode).isZero();
        uninterrupted = Outputs.of(clean.resolve("reports").resolve(DATE));
    }

    /**
     * Where to kill, by a log line: at the start, in the middle of ingest, at every step boundary, in the middle of
     * render, right after the move into place (before the completion is recorded: the night that used to fail at
     * every restart) and after completion. Each case starts two JVMs (15 to 25 s on two cores);
     * {@code -Dcrash.kills=quick} keeps the two that used to fail, for a quick local run.
     */
    static Stream<String> killPoints() {
        List<String> always = List.of("render: pipeline.xlsx", "published ");
        List<String> more = List.of("run " + DATE + ": starting", "ingest synthetic-deals.csv: started",
                "rows this attempt", "duplicates:", "render: forecast.pdf", "render: findings.csv", "rows read");
        return "quick".equals(System.getProperty("crash.kills")) ? always.stream()
                : Stream.concat(always.stream(), more.stream());
    }

    @ParameterizedTest(name = "killed at \"{0}\"")
    @MethodSource("killPoints")
    void killedAtAnyMomentRestartsToTheSameReports(String killAt) throws Exception {
        Path dir = work.resolve("killed-" + Integer.toHexString(killAt.hashCode()));
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Watcher watcher = new Watcher(reports.resolve(DATE));
        watcher.start();
        try {
            Attempt killed = start(dir, killAt);
            assertThat(killed.killed).as("the log line to kill at was seen; log:%n%s", killed.log).isTrue();
            Attempt restarted = start(dir, null);
            assertThat(restarted.exitCode).as("the first restart completes; log:%n%s", restarted.log).isZero();
        } finally {
            watcher.stop();
        }
        assertThat(watcher.halfWritten).as("reports/%s seen half-written", DATE).isEmpty();
        assertThat(watcher.seen.get()).isTrue();
        Outputs outputs = Outputs.of(reports.resolve(DATE));
        assertThat(outputs.runJson).isEqualTo(uninterrupted.runJson);
        assertThat(outputs.findings).isEqualTo(uninterrupted.findings);
        assertThat(outputs.rejected).isEqualTo(uninterrupted.rejected);
        assertThat(outputs.summary).isEqualTo(uninterrupted.summary);
        try (Stream<Path> entries = Files.list(reports)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(DATE);
        }
    }

    /** What is compared between runs: run.json without timings and run identity, the CSV files, the Summary sheet. */
    record Outputs(JsonNode runJson, String findings, String rejected, Map<String, String> summary) {

        static Outputs of(Path folder) throws IOException {
            ObjectNode runJson = (ObjectNode) JSON.readTree(folder.resolve("run.json").toFile());
            runJson.remove(List.of("timings", "run", "outputs"));
            Map<String, String> summary = new TreeMap<>();
            try (XSSFWorkbook workbook = new XSSFWorkbook(folder.resolve("pipeline.xlsx").toFile())) {
                for (Row row : workbook.getSheet("Summary")) {
                    for (Cell cell : row) {
                        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType()
                                : cell.getCellType();
                        summary.put(cell.getAddress().formatAsString(), switch (type) {
                            case NUMERIC -> String.valueOf(cell.getNumericCellValue());
                            case STRING -> cell.getStringCellValue();
                            default -> type.name();
                        });
                    }
                }
            } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
                throw new IOException(e);
            }
            return new Outputs(runJson, Files.readString(folder.resolve("findings.csv")),
                    Files.readString(folder.resolve("rejected.csv")), summary);
        }
    }

    record Attempt(int exitCode, boolean killed, String log) {
    }

    /** Runs the job in a JVM of its own on the shared input; kills it with SIGKILL at the first log line containing
     * {@code killAt}. */
    private static Attempt start(Path dir, String killAt) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // C1 only and the serial collector: a short run starts in half the time
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "com.pipelineforecast.PipelineForecastApplication", "--input=" + input, "--run-date=" + DATE,
                "--reports=" + dir.resolve("reports"), "--pipeline.database=" + dir.resolve("db"), "--chunk-size=100"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder log = new StringBuilder();
        boolean killed = false;
        Pattern line = killAt == null ? null : Pattern.compile(Pattern.quote(killAt));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String text = out.readLine(); text != null; text = out.readLine()) {
                log.append(text).append('\n');
                if (line != null && line.matcher(text).find()) {
                    process.destroyForcibly();
                    killed = true;
                    break;
                }
            }
        } catch (IOException e) {
            if (!killed) {
                throw e;
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the job did not end within two minutes; log:\n" + log);
        }
        return new Attempt(process.exitValue(), killed, log.toString());
    }

    /** Polls a reports folder every 20 ms: whenever it exists, all five files must be in it. */
    static final class Watcher {

        private final Path folder;
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicBoolean seen = new AtomicBoolean();
        final List<String> halfWritten = new CopyOnWriteArrayList<>();
        private Thread thread;

        Watcher(Path folder) {
            this.folder = folder;
        }

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    if (Files.isDirectory(folder)) {
                        try (Stream<Path> files = Files.list(folder)) {
                            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
                            seen.set(true);
                            if (!names.containsAll(List.of("findings.csv", "forecast.pdf", "pipeline.xlsx",
                                    "rejected.csv", "run.json"))) {
                                halfWritten.add(names.toString());
                            }
                        } catch (IOException | java.io.UncheckedIOException e) {
                            // moved away between the check and the listing (a rerun replacing it): not a reading
                        }
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "reports-watcher");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(1000);
        }
    }
}
