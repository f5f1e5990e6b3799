package com.pipelineforecast.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reports are written into a staging folder beside the published ones and moved into {@code <reports>/<runDate>}
 * only when complete, so readers see yesterday's reports or tonight's, never a half-written set.
 *
 * <p>A staging folder is named after the run, the job execution and the process that writes it
 * ({@code .staging-<date>-r<run>-e<execution>-p<pid>-<host>}), so two attempts or two installations sharing one
 * reports folder never write into the same one. A folder left behind by a process that no longer runs (killed)
 * is an orphan and removed by the next start.
 */
@Component
public class ReportPublisher {

    private static final Logger log = LoggerFactory.getLogger("pipeline.publish");
    private static final String STAGING = ".staging-";
    private static final String REPLACED = ".replaced-";
    private static final Pattern OWNED = Pattern.compile("\\.staging-.*-p(\\d+)-([A-Za-z0-9_.-]+)");
    /** A staging folder of another host cannot be checked for a live process: it is an orphan after this long. */
    private static final Duration FOREIGN_ORPHAN_AGE = Duration.ofHours(24);
    private static final long PID = ProcessHandle.current().pid();
    static final String HOST = host();

    /** What names this process in its staging folders: {@code p<pid>-<host>}. */
    public static String processTag() {
        return "p" + PID + "-" + HOST;
    }

    /** A fresh, empty staging folder for an attempt of a run (left-overs of the same name are removed). */
    public Path stagingFolder(Path reports, LocalDate runDate, long runId, long executionId) throws IOException {
        Path staging = existingStagingFolder(reports, runDate, runId, executionId);
        deleteTree(staging);
        Files.createDirectories(staging);
        return staging;
    }

    /** The staging folder of this process for an attempt of a run (it may not exist). */
    public Path existingStagingFolder(Path reports, LocalDate runDate, long runId, long executionId) {
        return reports.resolve(STAGING + runDate + "-r" + runId + "-e" + executionId + "-p" + PID + "-" + HOST);
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

    /** Removes what a failed attempt left in the reports folder; published reports are not touched. */
    public void discardStaging(Path reports, LocalDate runDate, long runId, long executionId) throws IOException {
        deleteTree(existingStagingFolder(reports, runDate, runId, executionId));
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

    /**
     * Removes the staging folders whose writer no longer runs: those of this host whose process has ended (or is
     * this one: a start has no attempt of its own running yet), those of another host after a day, and those
     * named by earlier versions. Returns how many were removed.
     */
    public int removeOrphans(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(reports, STAGING + "*")) {
            for (Path staging : entries) {
                if (isOrphan(staging)) {
                    deleteTree(staging);
                    log.info("removed the staging folder {} left by an attempt that no longer runs",
                            staging.getFileName());
                    removed++;
                }
            }
        }
        return removed;
    }

    private static boolean isOrphan(Path staging) throws IOException {
        Matcher owner = OWNED.matcher(staging.getFileName().toString());
        if (!owner.matches()) {
            return true;
        }
        long pid = Long.parseLong(owner.group(1));
        if (owner.group(2).equals(HOST)) {
            return pid == PID || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }
        FileTime modified = Files.getLastModifiedTime(staging);
        return modified.toInstant().isBefore(Instant.now().minus(FOREIGN_ORPHAN_AGE));
    }

    private static String host() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        String safe = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
        return safe.isEmpty() ? "localhost" : safe.length() > 60 ? safe.substring(0, 60) : safe;
    }

    /** Deletes a folder and everything in it (nothing when it does not exist). */
    public static void deleteTree(Path root) throws IOException {
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
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
