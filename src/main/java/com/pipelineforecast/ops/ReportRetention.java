package com.pipelineforecast.ops;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.pipelineforecast.report.ReportPublisher;

/**
 * {@code --keep-reports=DAYS}: after a publish, removes the published folders {@code <reports>/<date>/} whose date
 * is more than DAYS days before the run date. Only folders named exactly like a date are considered; anything else
 * in the reports folder (a README, a user's own files, staging folders) is never touched. 0 keeps every folder.
 */
public final class ReportRetention {

    private static final Logger log = LoggerFactory.getLogger("pipeline.retention");

    private ReportRetention() {
    }

    /** The folders removed, oldest first. */
    public static List<Path> apply(Path reports, LocalDate runDate, int keepDays) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (keepDays <= 0 || !Files.isDirectory(reports)) {
            return removed;
        }
        LocalDate oldestKept = runDate.minusDays(keepDays);
        List<Path> expired = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(reports)) {
            for (Path entry : entries) {
                LocalDate date = folderDate(entry);
                if (date != null && date.isBefore(oldestKept)
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    expired.add(entry);
                }
            }
        }
        expired.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path folder : expired) {
            ReportPublisher.deleteTree(folder);
            removed.add(folder);
        }
        if (!removed.isEmpty()) {
            log.info("--keep-reports={}: removed {} report folder{} before {} ({} … {})", keepDays, removed.size(),
                    removed.size() == 1 ? "" : "s", oldestKept, removed.get(0).getFileName(),
                    removed.get(removed.size() - 1).getFileName());
        }
        return removed;
    }

    /** The date a folder is named by ({@code 2026-11-22}), or null for any other name. */
    static LocalDate folderDate(Path folder) {
        String name = folder.getFileName().toString();
        if (!name.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return null;
        }
        try {
            return LocalDate.parse(name);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

}
