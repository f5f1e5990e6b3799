package com.pipelineforecast.history;

import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the table {@code skipped_line}: the lines of the exports that were no rows (blank, totals, repeats). */
@Component
public class SkippedLineRepository {

    private static final String COUNT_SKIPPED_BY_FILE = """
            SELECT file_name, COUNT(*) FROM skipped_line WHERE run_id = ? GROUP BY file_name
            """;

    private final JdbcTemplate jdbc;

    public SkippedLineRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How many lines the run skipped in each file. */
    public Map<String, Long> countByFile(long runId) {
        return Queries.countsByValue(jdbc, COUNT_SKIPPED_BY_FILE, runId);
    }
}
