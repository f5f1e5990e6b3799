package com.pipelineforecast.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

/**
 * Reports are written into a staging folder beside the published ones and moved into {@code <reports>/<runDate>}
 * only when complete, so readers see yesterday's reports or tonight's, never a half-written set.
 */
@Component
public class ReportPublisher {

    private static final String STAGING = ".staging-";
    private static final String REPLACED = ".replaced-";

    /** A fresh, empty staging folder for a run (left-overs of an earlier failed attempt are removed). */
    public Path stagingFolder(Path reports, LocalDate runDate, long runId) throws IOException {
        Path staging = reports.resolve(STAGING + runDate + "-" + runId);
        deleteTree(staging);
        Files.createDirectories(staging);
        return staging;
    }

    public Path existingStagingFolder(Path reports, LocalDate runDate, long runId) {
        return reports.resolve(STAGING + runDate + "-" + runId);
    }

    /** Moves the staging folder to {@code <reports>/<runDate>}, replacing an earlier publication. */
    public Path publish(Path staging, Path reports, LocalDate runDate) throws IOException {
        Path target = reports.resolve(runDate.toString());
        Path replaced = null;
        if (Files.exists(target)) {
            replaced = reports.resolve(REPLACED + runDate + "-" + System.nanoTime());
            Files.move(target, replaced, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (replaced != null) {
                Files.move(replaced, target, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        if (replaced != null) {
            deleteTree(replaced);
        }
        return target;
    }

    /** Removes what a failed run left in the reports folder; published reports are not touched. */
    public void discardStaging(Path reports, LocalDate runDate, long runId) throws IOException {
        deleteTree(existingStagingFolder(reports, runDate, runId));
    }

    /** Restores a publication interrupted between its two moves (a crash leaves only the replaced copy). */
    public void recoverInterrupted(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(reports, REPLACED + "*")) {
            for (Path replaced : entries) {
                String name = replaced.getFileName().toString().substring(REPLACED.length());
                Path target = reports.resolve(name.substring(0, name.lastIndexOf('-')));
                if (Files.exists(target)) {
                    deleteTree(replaced);
                } else {
                    Files.move(replaced, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
