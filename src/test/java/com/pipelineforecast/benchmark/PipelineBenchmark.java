package com.pipelineforecast.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pipelineforecast.PipelineForecastLauncher;

/**
 * Generates a synthetic export of N deals and runs the whole job on it in this JVM, then prints deals/s and the
 * peak heap. Run with {@code ./mvnw -Pbenchmark verify -Dbenchmark.deals=1000000} (the profile starts a JVM
 * with {@code -Xmx1g}).
 */
public final class PipelineBenchmark {

    public static void main(String[] args) throws Exception {
        long deals = Long.parseLong(args.length > 0 ? args[0] : "100000");
        LocalDate runDate = LocalDate.of(2026, 11, 22);
        Path work = Files.createTempDirectory("pipeline-benchmark");
        Path input = Files.createDirectories(work.resolve("input"));
        Files.writeString(input.resolve("fx-rates.csv"), "currency,rate\nEUR,1.08\nTHB,0.028\nCNY,0.14\n");
        long generateStart = System.nanoTime();
        SyntheticExport.write(input.resolve("synthetic-deals.csv"), deals, runDate);
        System.out.printf("generated %,d deals (%,d MB) in %.1f s%n", deals,
                Files.size(input.resolve("synthetic-deals.csv")) >> 20, (System.nanoTime() - generateStart) / 1e9);

        long start = System.nanoTime();
        int exit = PipelineForecastLauncher.run(new String[] {"--input=" + input, "--run-date=" + runDate,
            "--reports=" + work.resolve("reports"), "--pipeline.database=" + work.resolve("db")});
        double seconds = (System.nanoTime() - start) / 1e9;
        if (Integer.getInteger("benchmark.nights", 1) > 1 && exit == 0) {
            report("night 1", deals, seconds, work.resolve("reports").resolve(runDate.toString()));
            // the second night: the same deals with known changes, compared with the first in the aggregate step
            runDate = runDate.plusDays(1);
            SyntheticExport.write(input.resolve("synthetic-deals.csv"), deals, runDate, 2);
            start = System.nanoTime();
            exit = PipelineForecastLauncher.run(new String[] {"--input=" + input, "--run-date=" + runDate,
                "--reports=" + work.resolve("reports"), "--pipeline.database=" + work.resolve("db")});
            seconds = (System.nanoTime() - start) / 1e9;
            System.out.print("night 2: ");
        }

        report("", deals, seconds, work.resolve("reports").resolve(runDate.toString()));
        System.out.printf("exit %d%n", exit);
        if (!Boolean.getBoolean("benchmark.keep")) {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } else {
            System.out.println("kept " + work);
        }
        System.exit(exit);
    }

    private static void report(String night, long deals, double seconds, Path folder) throws java.io.IOException {
        JsonNode run = new ObjectMapper().readTree(folder.resolve("run.json").toFile());
        JsonNode timings = run.path("timings");
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        StringBuilder movement = new StringBuilder();
        run.path("movement").path("buckets").forEach(b -> movement.append(' ').append(b.path("bucket").asText())
                .append('=').append(b.path("deals").asLong()));
        System.out.printf("%s rows read %,d · accepted %,d · rejected %,d · movement:%s%n", night,
                run.path("counts").path("read").asLong(), run.path("counts").path("accepted").asLong(),
                run.path("counts").path("rejected").asLong(), movement);
        System.out.printf("whole run %.1f s (%,.0f deals/s) · ingest %.1f s (%,.0f deals/s) · duplicates %.1f s · "
                + "aggregate %.1f s · render %.1f s%n", seconds, deals / seconds,
                timings.path("ingestMillis").asLong() / 1e3,
                deals / Math.max(0.001, timings.path("ingestMillis").asLong() / 1e3),
                timings.path("checkDuplicatesMillis").asLong() / 1e3, timings.path("aggregateMillis").asLong() / 1e3,
                timings.path("renderMillis").asLong() / 1e3);
        System.out.printf("peak heap %,d MB of max %,d MB (sum of heap pools' peaks) · pipeline.xlsx %,d MB%n",
                peakHeap >> 20, maxHeap >> 20, Files.size(folder.resolve("pipeline.xlsx")) >> 20);
    }
}
