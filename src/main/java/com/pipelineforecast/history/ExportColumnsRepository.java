package com.pipelineforecast.history;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.pipelineforecast.ingest.SourceRow;

/** The table {@code export_columns}: the headers of each file's export columns (beyond the canonical ones). */
@Component
public class ExportColumnsRepository {

    private static final String COUNT_OF_FILE = """
            SELECT COUNT(*) FROM export_columns WHERE run_id = ? AND file_name = ?
            """;
    private static final String CREATE_HEADERS = """
            INSERT INTO export_columns (run_id, file_name, headers) VALUES (?,?,?)
            """;
    private static final String FIND_HEADERS = """
            SELECT file_name, headers FROM export_columns WHERE run_id = ? ORDER BY file_name
            """;
    private static final String SEPARATOR = String.valueOf(SourceRow.EXPORT_SEPARATOR);

    private final JdbcTemplate jdbc;

    public ExportColumnsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a file's export headers once per run (a restarted step finds them recorded). */
    public void recordOnce(long runId, String file, List<String> headers) {
        Integer known = jdbc.queryForObject(COUNT_OF_FILE, Integer.class, runId, file);
        if (known == 0) {
            jdbc.update(CREATE_HEADERS, runId, file, String.join(SEPARATOR, headers));
        }
    }

    /** The headers of each file's export columns, by file name. */
    public Map<String, List<String>> headers(long runId) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        jdbc.query(FIND_HEADERS, rs -> {
            headers.put(rs.getString(1), List.of(rs.getString(2).split(SEPARATOR, -1)));
        }, runId);
        return headers;
    }
}
