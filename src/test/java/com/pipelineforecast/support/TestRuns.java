package com.pipelineforecast.support;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.pipelineforecast.job.PipelineProperties;

/** Options and inputs for functional tests. */
public final class TestRuns {

    /** The sample export shipped in input/, as run by the README's command. */
    public static final Path SAMPLE_INPUT = Path.of("input");

    private TestRuns() {
    }

    public static PipelineProperties options(Path input, Path reports, String runDate, int chunkSize) {
        return new PipelineProperties(List.of(input.toString()), runDate, "six-stage", "USD", null,
                reports.toString(), null, null, null, null, null, null, chunkSize, new BigDecimal("0.10"), 1, "playbook", 20,
                false, PipelineProperties.DEFAULTS.reportsLockWait());
    }

    /** A copy of the sample input folder, so a test can add or change files. */
    public static Path copyOfSample(Path target) {
        try {
            Files.createDirectories(target);
            try (var files = Files.list(SAMPLE_INPUT)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
