package com.pipelineforecast.benchmark;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pipelineforecast.benchmark.SyntheticExport.Shape;

/**
 * Generates a synthetic export of N deals and runs the job on it as a scheduler does: a child process
 * {@code target/pipeline-forecast/pipeline-forecast …} with {@code JAVA_OPTS=-Xmx1g} (the launcher with its
 * class-data-sharing archive), or {@code java -Xmx1g -jar target/pipeline-forecast.jar …} when there is no launcher
 * or {@code -Dbenchmark.launcher=} is empty (or the application's classpath when the jar is not built), measuring its wall time, peak resident memory (VmHWM) and CPU time, the step timings of its run.json and
 * the database folder's size after each night. Run with {@code ./mvnw -Pbenchmark verify -Dbenchmark.deals=N}
 * (see README, Benchmark). Properties: benchmark.nights, benchmark.shape, benchmark.heap, benchmark.launcher, benchmark.jar,
 * benchmark.pandas, benchmark.pandasScript and benchmark.python, benchmark.keep.
 */
public final class PipelineBenchmark {

    private static final long POLL_MILLIS = 50;

    /** What one child process took. */
    record Measured(int exit, double seconds, long peakRssKb, double cpuSeconds, Path log, String loadBefore,
            String loadAfter) {
    }

    public static void main(String[] args) throws Exception {
        long deals = Long.parseLong(args.length > 0 ? args[0] : "100000");
        int nights = Integer.getInteger("benchmark.nights", 1);
        Shape shape = Shape.parse(System.getProperty("benchmark.shape", "standard"));
        String heap = System.getProperty("benchmark.heap", "1g");
        LocalDate firstNight = LocalDate.of(2026, 11, 22);
        Path work = Files.createTempDirectory("pipeline-benchmark");
        Path input = Files.createDirectories(work.resolve("input"));
        Path export = input.resolve("synthetic-deals.csv");
        Path fxRates = input.resolve("fx-rates.csv");
        Files.writeString(fxRates, SyntheticExport.FX_RATES);
        List<String> job = jobCommand(heap);
        Map<String, String> environment = new HashMap<>();
        if (job.size() == 1) {
            environment.put("JAVA_OPTS", "-Xmx" + heap);
            if (!hasArchive(Path.of(job.get(0)).getParent())) {
                System.out.println("note: the launcher has no class-data-sharing archive yet: the first night "
                        + "trains one first, inside its measured time");
            }
        }
        System.out.printf("job: %s%s%n", environment.isEmpty() ? "" : "JAVA_OPTS=" + environment.get("JAVA_OPTS")
                + " ", String.join(" ", job).replaceAll("-cp \\S+", "-cp <classpath>"));
        System.out.printf("shape %s · %,d deals · %d night(s) · -Xmx%s · %d cores%n", shape.label(), deals, nights,
                heap, Runtime.getRuntime().availableProcessors());

        int exit = 0;
        for (int night = 1; night <= nights && exit == 0; night++) {
            LocalDate runDate = firstNight.plusDays(night - 1L);
            long generateStart = System.nanoTime();
            SyntheticExport.write(export, deals, runDate, night, shape);
            System.out.printf("night %d: generated %s in %.1f s%n", night, megabytes(Files.size(export)),
                    (System.nanoTime() - generateStart) / 1e9);
            List<String> command = new ArrayList<>(job);
            command.addAll(List.of("--input=" + input, "--run-date=" + runDate, "--reports=" + work.resolve("reports"),
                "--pipeline.database=" + work.resolve("db")));
            Measured run = measure(command, environment, work, work.resolve("night-" + night + ".log"));
            exit = run.exit();
            report(night, deals, run, work.resolve("reports").resolve(runDate.toString()), work.resolve("db"));
            if (night == 1 && Boolean.getBoolean("benchmark.pandas")) {
                comparePandas(deals, run, work, export, fxRates);
            }
        }
        System.out.printf("exit %d%n", exit);
        if (!Boolean.getBoolean("benchmark.keep")) {
            delete(work);
        } else {
            System.out.println("kept " + work);
        }
        System.exit(exit);
    }

    /**
     * The command a scheduler runs (README, "What a scheduler runs"): the launcher if it is built, else the built jar,
     * else the application's classes and dependencies (this JVM's classpath without the test classes) and its main
     * class.
     */
    private static List<String> jobCommand(String heap) {
        String launcher = System.getProperty("benchmark.launcher", "target/pipeline-forecast/pipeline-forecast");
        if (!launcher.isBlank() && Files.isExecutable(Path.of(launcher))) {
            return List.of(Path.of(launcher).toAbsolutePath().toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of(System.getProperty("benchmark.jar", "target/pipeline-forecast.jar")).toAbsolutePath();
        if (Files.isRegularFile(jar)) {
            return List.of(java, "-Xmx" + heap, "-jar", jar.toString());
        }
        String classpath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes")).reduce((a, b) -> a + File.pathSeparator + b)
                .orElseThrow();
        return List.of(java, "-Xmx" + heap, "-cp", classpath, "com.pipelineforecast.PipelineForecastApplication");
    }

    /**
     * Runs a command in {@code folder} with its output in {@code log}, polling /proc for its peak resident set
     * (VmHWM, the kernel's own high-water mark, so a poll only has to come before the exit) and CPU time.
     */
    static Measured measure(List<String> command, Map<String, String> environment, Path folder, Path log)
            throws IOException, InterruptedException {
        String loadBefore = loadAverage();
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        long peakKb = 0;
        double cpu = 0;
        while (!process.waitFor(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            peakKb = Math.max(peakKb, vmHwmKb(proc));
            cpu = Math.max(cpu, cpuSeconds(proc));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Measured(process.exitValue(), seconds, peakKb, cpu, log, loadBefore, loadAverage());
    }

    private static boolean hasArchive(Path launcherFolder) throws IOException {
        Path cds = launcherFolder.resolve("cds");
        if (!Files.isDirectory(cds)) {
            return false;
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa"));
        }
    }

    /** The 1-minute load average: other work on the machine slows the wall time, not the CPU time. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException unavailable) {
            return "?";
        }
    }

    private static long vmHwmKb(Path proc) {
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between two polls
        }
        return 0;
    }

    /** User plus system CPU time of the process and its waited-for children, from /proc/PID/stat. */
    private static double cpuSeconds(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = 0;
            for (int field = 11; field <= 14; field++) { // utime, stime, cutime, cstime (fields 14 to 17)
                ticks += Long.parseLong(fields[field]);
            }
            return ticks / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static void report(int night, long deals, Measured run, Path folder, Path database) throws IOException {
        String n = "night " + night + ": ";
        System.out.printf("%swall %.1f s%n", n, run.seconds());
        System.out.printf("%sdeals/s %,.0f%n", n, deals / run.seconds());
        System.out.printf("%speak RSS %,d MB%n", n, run.peakRssKb() >> 10);
        System.out.printf("%sCPU %.1f s (%.1f cores busy on average)%n", n, run.cpuSeconds(),
                run.cpuSeconds() / run.seconds());
        System.out.printf("%sexit code %d%n", n, run.exit());
        System.out.printf("%sload average %s before, %s after%n", n, run.loadBefore(), run.loadAfter());
        Path runJson = folder.resolve("run.json");
        if (Files.isRegularFile(runJson)) {
            JsonNode json = new ObjectMapper().readTree(runJson.toFile());
            JsonNode timings = json.path("timings");
            JsonNode counts = json.path("counts");
            System.out.printf("%srows read %,d · accepted %,d · rejected %,d%n", n, counts.path("read").asLong(),
                    counts.path("accepted").asLong(), counts.path("rejected").asLong());
            StringBuilder movement = new StringBuilder();
            json.path("movement").path("buckets").forEach(b -> movement.append(' ')
                    .append(b.path("bucket").asText()).append('=').append(b.path("deals").asLong()));
            System.out.printf("%smovement:%s%n", n, movement);
            for (String step : List.of("ingest", "checkDuplicates", "aggregate", "render")) {
                System.out.printf("%s%s %.1f s%n", n, step, timings.path(step + "Millis").asLong() / 1e3);
            }
            Path workbook = folder.resolve("pipeline.xlsx");
            if (Files.isRegularFile(workbook)) {
                System.out.printf("%spipeline.xlsx %s%n", n, megabytes(Files.size(workbook)));
            }
        } else {
            System.out.printf("%sno run.json in %s%n", n, folder);
        }
        System.out.printf("%sdatabase folder %s%n", n, megabytes(size(database)));
        if (run.exit() != 0) {
            List<String> lines = Files.readAllLines(run.log(), StandardCharsets.UTF_8);
            System.out.printf("%slast lines of %s:%n", n, run.log());
            lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(line -> System.out.println("  " + line));
        }
    }

    /** The analyst's script on the same export: python3 pandas_forecast.py export fx-rates out.xlsx. */
    private static void comparePandas(long deals, Measured ours, Path work, Path export, Path fxRates)
            throws IOException, InterruptedException {
        String script = System.getProperty("benchmark.pandasScript", "src/test/python/pandas_forecast.py");
        Path out = work.resolve("pandas-forecast.xlsx");
        Measured pandas = measure(List.of(python(), Path.of(script).toAbsolutePath().toString(), export.toString(),
                fxRates.toString(), out.toString()), Map.of(), work, work.resolve("pandas.log"));
        System.out.printf("pandas: wall %.1f s%n", pandas.seconds());
        System.out.printf("pandas: deals/s %,.0f%n", deals / pandas.seconds());
        System.out.printf("pandas: peak RSS %,d MB%n", pandas.peakRssKb() >> 10);
        System.out.printf("pandas: CPU %.1f s%n", pandas.cpuSeconds());
        System.out.printf("pandas: exit code %d%n", pandas.exit());
        System.out.printf("pandas: load average %s before, %s after%n", pandas.loadBefore(), pandas.loadAfter());
        if (Files.isRegularFile(out)) {
            System.out.printf("pandas: workbook %s%n", megabytes(Files.size(out)));
        }
        System.out.printf("ours/pandas: wall %.2f×%n", ours.seconds() / pandas.seconds());
        System.out.printf("ours/pandas: peak RSS %.2f×%n", (double) ours.peakRssKb() / Math.max(1, pandas.peakRssKb()));
        System.out.printf("ours/pandas: CPU %.2f×%n", ours.cpuSeconds() / Math.max(0.01, pandas.cpuSeconds()));
        if (pandas.exit() != 0) {
            Files.readAllLines(pandas.log(), StandardCharsets.UTF_8).forEach(line -> System.out.println("  " + line));
        }
    }

    /** benchmark.python if given, else the system's python3 (where Debian's pandas is), else python3 on the path. */
    private static String python() {
        String python = System.getProperty("benchmark.python", "");
        if (!python.isBlank()) {
            return python;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static String megabytes(long bytes) {
        return String.format("%,.1f MB", bytes / 1048576.0);
    }

    private static long size(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
