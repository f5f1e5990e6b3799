package com.pipelineforecast.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pipelineforecast.forecast.AnalysisStore;
import com.pipelineforecast.history.RunDeals;
import com.pipelineforecast.history.ForecastRunRepository;
import com.pipelineforecast.history.RejectedRowRepository;

/**
 * {@code --status}: the last runs from the history — date, status, complete, rows, rejected, the weighted
 * forecasts, duration — for a person or a monitoring check: exit 0 when the latest night is published and
 * complete, 1 otherwise (failed, still running, incomplete, or no run at all).
 */
@Component
public class RunStatus {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Spring Batch's latest execution of a run (its job instance): how a run that is not published ended. */
    private static final String FIND_LAST_EXECUTION = """
            SELECT STATUS, END_TIME FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?
            ORDER BY JOB_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY
            """;

    private final JdbcTemplate jdbc;
    private final ForecastRunRepository forecastRuns;
    private final RunDeals deals;
    private final RejectedRowRepository rejectedRows;
    private final AnalysisStore analyses;

    public RunStatus(JdbcTemplate jdbc, ForecastRunRepository forecastRuns, RunDeals deals,
            RejectedRowRepository rejectedRows, AnalysisStore analyses) {
        this.jdbc = jdbc;
        this.forecastRuns = forecastRuns;
        this.deals = deals;
        this.rejectedRows = rejectedRows;
        this.analyses = analyses;
    }

    /** One run of the history as the status lists it; numbers are null where the run did not get that far. */
    public record Line(LocalDate runDate, int run, String status, Boolean complete, Long rows, Long rejected,
            String weightedAsReported, String weightedChecklistAdjusted, Duration duration) {
    }

    /** The listing and the verdict: {@code ok} when the latest run is published and complete. */
    public record Report(List<Line> lines, boolean ok, String verdict, List<String> text) {
    }

    /** The last run date published (complete or not) on or before the given date, from the history. */
    public java.util.Optional<LocalDate> lastCompleted(LocalDate onOrBefore) {
        return forecastRuns.lastPublishedDate(onOrBefore);
    }

    /** Prints the report to standard output; true when the latest run is published and complete. */
    public boolean print(Path reports, int runs, LocalDate today, LocalDate asOf) {
        Report report = report(reports, runs, today, asOf);
        report.text().forEach(System.out::println);
        return report.ok();
    }

    /** @param asOf the latest run date to list (the runs up to that night), or null for all */
    public Report report(Path reports, int runs, LocalDate today, LocalDate asOf) {
        List<Line> lines = new ArrayList<>();
        List<Map<String, Object>> rows = forecastRuns.latestRuns(asOf == null ? LocalDate.of(9999, 12, 31) : asOf,
                runs);
        for (Map<String, Object> row : rows) {
            lines.add(line(reports, row));
        }
        String verdict;
        boolean ok;
        if (lines.isEmpty()) {
            ok = false;
            verdict = "no run in the history";
        } else {
            Line latest = lines.get(0);
            ok = "PUBLISHED".equals(latest.status()) && Boolean.TRUE.equals(latest.complete());
            long age = Duration.between(latest.runDate().atStartOfDay(), today.atStartOfDay()).toDays();
            String when = age == 0 ? "today" : age == 1 ? "1 day ago" : age + " days ago";
            verdict = "latest run " + latest.runDate() + " (" + when + "): " + (ok ? "published, complete"
                    : "PUBLISHED".equals(latest.status()) ? "published INCOMPLETE" : latest.status());
        }
        List<String> text = new ArrayList<>();
        text.add(String.format("%-10s %3s  %-9s %-8s %10s %9s %18s %18s %9s", "run date", "run", "status",
                "complete", "rows", "rejected", "weighted reported", "checklist-adjusted", "duration"));
        for (Line line : lines) {
            text.add(String.format("%-10s %3d  %-9s %-8s %10s %9s %18s %18s %9s", line.runDate(), line.run(),
                    line.status(), line.complete() == null ? "-" : line.complete() ? "yes" : "NO",
                    orDash(line.rows()), orDash(line.rejected()), orDash(line.weightedAsReported()),
                    orDash(line.weightedChecklistAdjusted()), line.duration() == null ? "-" : duration(line.duration())));
        }
        text.add((ok ? "OK " : "NOT OK ") + verdict);
        return new Report(lines, ok, verdict, text);
    }

    private Line line(Path reports, Map<String, Object> row) {
        long runId = ((Number) row.get("run_id")).longValue();
        LocalDate date = ((java.sql.Date) row.get("run_date")).toLocalDate();
        int seq = ((Number) row.get("run_seq")).intValue();
        String status = (String) row.get("status");
        LocalDateTime started = ((Timestamp) row.get("started_at")).toLocalDateTime();
        Timestamp completed = (Timestamp) row.get("completed_at");
        LocalDateTime ended = completed == null ? null : completed.toLocalDateTime();
        if (!"PUBLISHED".equals(status)) {
            List<Map<String, Object>> executions = jdbc.queryForList(FIND_LAST_EXECUTION, runId);
            if (!executions.isEmpty()) {
                status = String.valueOf(executions.get(0).get("STATUS"));
                Object end = executions.get(0).get("END_TIME");
                ended = end instanceof Timestamp t ? t.toLocalDateTime() : null;
            }
        }
        Long rows = null;
        Long rejected = null;
        Boolean complete = null;
        String weighted = null;
        String adjusted = null;
        JsonNode stored = analysis(runId);
        if (stored != null) {
            rows = stored.path("counts").path("read").asLong();
            rejected = stored.path("counts").path("rejected").asLong();
            if (stored.path("quality").has("complete")) {
                complete = stored.path("quality").path("complete").asBoolean();
            }
        } else {
            long accepted = deals.countIngested(runId);
            rejected = rejectedRows.count(runId);
            rows = accepted + rejected;
        }
        if ("PUBLISHED".equals(status)) {
            JsonNode manifest = manifest(reports.resolve(date.toString()));
            if (manifest != null && manifest.path("runDate").asText().equals(date.toString())) {
                weighted = manifest.path("totals").path("weightedAsReported").asText(null);
                adjusted = manifest.path("totals").path("weightedChecklistAdjusted").asText(null);
                if (complete == null) {
                    complete = manifest.path("complete").asBoolean(true);
                }
            }
        } else {
            complete = false;
        }
        Duration duration = ended == null ? null : Duration.between(started, ended);
        return new Line(date, seq, status, complete, rows, rejected, weighted, adjusted, duration);
    }

    private JsonNode analysis(long runId) {
        java.util.Optional<String> content = analyses.content(runId);
        try {
            return content.isEmpty() ? null : JSON.readTree(content.get());
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode manifest(Path folder) {
        Path file = folder.resolve("run.json");
        try {
            return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    private static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds >= 3600 ? String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : seconds >= 60 ? String.format("%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }
}
