package com.pipelineforecast.history;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The table {@code forecast_run}: the registry of the runs, one row a run, kept forever. */
@Component
public class ForecastRunRepository {

    private static final String COUNT_RUN = """
            SELECT COUNT(*) FROM forecast_run WHERE run_id = ?
            """;
    private static final String CREATE_RUN = """
            INSERT INTO forecast_run (run_id, run_date, run_seq, playbook, reporting_currency, status, started_at)
            VALUES (?,?,?,?,?,?,?)
            """;
    private static final String FIND_PREVIOUS_PUBLISHED_WITH_DEALS = """
            SELECT run_id, run_date FROM forecast_run
            WHERE run_date < ? AND status = 'PUBLISHED' AND deals_removed_at IS NULL
            ORDER BY run_date DESC, run_seq DESC
            """;
    private static final String FIND_PREVIOUS_PUBLISHED_DATE = """
            SELECT run_date FROM forecast_run WHERE run_date < ? AND status = 'PUBLISHED'
            ORDER BY run_date DESC, run_seq DESC FETCH FIRST 1 ROWS ONLY
            """;
    private static final String FIND_LAST_PUBLISHED_DATE = """
            SELECT MAX(run_date) FROM forecast_run WHERE status = 'PUBLISHED' AND run_date <= ?
            """;
    /** Formatted with how many runs. */
    private static final String FIND_LATEST_RUNS_FORMAT = """
            SELECT run_id, run_date, run_seq, status, started_at, completed_at FROM forecast_run
            WHERE run_date <= ? ORDER BY run_date DESC, run_seq DESC FETCH FIRST %d ROWS ONLY
            """;
    private static final String FIND_STARTED_AT = """
            SELECT started_at FROM forecast_run WHERE run_id = ?
            """;
    private static final String COUNT_PUBLISHED = """
            SELECT COUNT(*) FROM forecast_run WHERE run_id = ? AND status = 'PUBLISHED'
            """;
    private static final String MARK_PUBLISHED = """
            UPDATE forecast_run SET status = 'PUBLISHED', completed_at = ? WHERE run_id = ?
            """;
    private static final String FIND_PUBLISHED_BEYOND = """
            SELECT run_id, deals_removed_at FROM forecast_run WHERE status = 'PUBLISHED'
            ORDER BY run_date DESC, run_seq DESC OFFSET ? ROWS
            """;
    private static final String MARK_DEALS_REMOVED = """
            UPDATE forecast_run SET deals_removed_at = ? WHERE run_id = ?
            """;

    private static final String FIND_RUN_DATE = """
            SELECT run_date FROM forecast_run WHERE run_id = ?
            """;

    private final JdbcTemplate jdbc;

    public ForecastRunRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The run tonight is compared with: its id and its date. */
    public record PreviousRun(long runId, LocalDate runDate) {
    }

    /** Registers a run when it first starts; a restart of the same run keeps its row. */
    public void register(long runId, LocalDate runDate, int seq, String playbook, String reportingCurrency) {
        Integer known = jdbc.queryForObject(COUNT_RUN, Integer.class, runId);
        if (known == null || known == 0) {
            jdbc.update(CREATE_RUN, runId, Date.valueOf(runDate), seq, playbook, reportingCurrency, "STARTED",
                    Timestamp.from(Instant.now()));
        }
    }

    /**
     * The latest published run before the date whose deal rows are kept (the highest rerun of that date): what
     * tonight is compared with.
     */
    public Optional<PreviousRun> previousPublished(LocalDate runDate) {
        return jdbc.query(FIND_PREVIOUS_PUBLISHED_WITH_DEALS, rs -> rs.next()
                ? Optional.of(new PreviousRun(rs.getLong(1), rs.getDate(2).toLocalDate()))
                : Optional.<PreviousRun>empty(), Date.valueOf(runDate));
    }

    /** The date of the previous published night before the run date, whether its deal rows are kept or not. */
    public Optional<LocalDate> previousPublishedDate(LocalDate runDate) {
        List<Date> dates = jdbc.queryForList(FIND_PREVIOUS_PUBLISHED_DATE, Date.class, Date.valueOf(runDate));
        return dates.stream().findFirst().map(Date::toLocalDate);
    }

    /** The last run date published on or before the given date. */
    public Optional<LocalDate> lastPublishedDate(LocalDate onOrBefore) {
        List<Date> dates = jdbc.queryForList(FIND_LAST_PUBLISHED_DATE, Date.class, Date.valueOf(onOrBefore));
        return dates.stream().filter(Objects::nonNull).findFirst().map(Date::toLocalDate);
    }

    /** The latest {@code runs} runs on or before the date, latest first: id, date, seq, status, started, completed. */
    public List<Map<String, Object>> latestRuns(LocalDate onOrBefore, int runs) {
        return jdbc.queryForList(FIND_LATEST_RUNS_FORMAT.formatted(runs), Date.valueOf(onOrBefore));
    }

    /** When the run was first registered. */
    /** The night a run is of. */
    public LocalDate runDate(long runId) {
        return jdbc.queryForObject(FIND_RUN_DATE, java.sql.Date.class, runId).toLocalDate();
    }

    public Timestamp startedAt(long runId) {
        return jdbc.queryForObject(FIND_STARTED_AT, Timestamp.class, runId);
    }

    /** Whether the run is published. */
    public boolean published(long runId) {
        Integer count = jdbc.queryForObject(COUNT_PUBLISHED, Integer.class, runId);
        return count != null && count > 0;
    }

    public void markPublished(long runId) {
        jdbc.update(MARK_PUBLISHED, Timestamp.from(Instant.now()), runId);
    }

    /** The published runs beyond the {@code keep} latest whose deal rows are not removed yet. */
    public List<Long> publishedBeyondWithDeals(int keep) {
        return jdbc.query(FIND_PUBLISHED_BEYOND, (rs, n) -> rs.getTimestamp(2) == null ? rs.getLong(1) : null, keep)
                .stream().filter(Objects::nonNull).toList();
    }

    /** Marks a run whose deal rows are gone: it is never compared with again. */
    public void markDealsRemoved(long runId) {
        jdbc.update(MARK_DEALS_REMOVED, Timestamp.from(Instant.now()), runId);
    }
}
