package com.pipelineforecast.history;

import java.util.List;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code --keep-runs=N}: after a publish, removes the per-deal history (the state file of its deals; its findings,
 * rejected and skipped lines and export headers; the snapshot rows of a run of an earlier version) of every
 * published run older than the N latest. The run registry, its stored
 * aggregates, forecast calls and calibration outcomes stay forever: trends, accuracy and win rates keep their
 * history. A run whose rows are gone is marked ({@code forecast_run.deals_removed_at}) and is never compared with.
 */
@Component
public class RunRetention {

    private static final Logger log = LoggerFactory.getLogger("pipeline.history");

    /** Tables holding rows per deal or per input row of a run, each with a run_id column. */
    private static final List<String> PER_DEAL_TABLES = List.of("deal_finding", "deal_duplicate", "revised_deal", "deal_snapshot",
            "rejected_row", "skipped_line", "export_columns");

    /** HSQLDB: rows deleted a batch per statement (each its own transaction), so the heap holds one batch. */
    private static final String DELETE_BATCH_OF_RUN_HSQLDB_FORMAT = """
            DELETE FROM %s WHERE run_id = ? LIMIT 20000
            """;
    /** Formatted with the table. */
    private static final String DELETE_ALL_OF_RUN_FORMAT = """
            DELETE FROM %s WHERE run_id = ?
            """;
    /** HSQLDB: writes the database files, and with DEFRAG gives the freed space back to the disk. */
    private static final String CHECKPOINT = """
            CHECKPOINT
            """;
    private static final String CHECKPOINT_DEFRAG = """
            CHECKPOINT DEFRAG
            """;

    private final JdbcTemplate jdbc;
    private final ForecastRunRepository runs;
    private final HistorySchema schema;
    private final DealStates states;

    public RunRetention(JdbcTemplate jdbc, ForecastRunRepository runs, HistorySchema schema, DealStates states) {
        this.jdbc = jdbc;
        this.states = states;
        this.runs = runs;
        this.schema = schema;
    }

    /** Removes the per-deal rows of the published runs beyond the {@code keepRuns} latest; returns how many runs. */
    public int keepLatest(int keepRuns) {
        if (keepRuns < 1) {
            throw new IllegalArgumentException("--keep-runs must be at least 1, found " + keepRuns);
        }
        List<Long> beyond = runs.publishedBeyondWithDeals(keepRuns);
        if (beyond.isEmpty()) {
            return 0;
        }
        boolean hsqldb = schema.hsqldb();
        for (long runId : beyond) {
            for (String table : PER_DEAL_TABLES) {
                if (hsqldb) {
                    String delete = DELETE_BATCH_OF_RUN_HSQLDB_FORMAT.formatted(table);
                    while (jdbc.update(delete, runId) > 0) {
                        // next batch
                    }
                } else {
                    jdbc.update(DELETE_ALL_OF_RUN_FORMAT.formatted(table), runId);
                }
            }
            states.remove(runId);
            runs.markDealsRemoved(runId);
        }
        if (hsqldb) {
            // the freed space is reused by the next nights; a trim of several nights at once (a lower --keep-runs)
            // also gives it back to the disk
            jdbc.execute(beyond.size() > 1 ? CHECKPOINT_DEFRAG : CHECKPOINT);
        }
        log.info("--keep-runs={}: removed the deal rows of {} older run{}", keepRuns, beyond.size(),
                beyond.size() == 1 ? "" : "s");
        return beyond.size();
    }
}
