package com.pipelineforecast.history;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/** What the repositories' queries share: a streaming template, and counts read per value. */
final class Queries {

    static final int FETCH_SIZE = 1000;

    private Queries() {
    }

    /** A template on the same data source that reads large results a thousand rows at a time. */
    static JdbcTemplate streaming(JdbcTemplate jdbc) {
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(FETCH_SIZE);
        return streaming;
    }

    /** A {@code SELECT value, COUNT(*) … GROUP BY value} as a map, in the order of the result. */
    static Map<String, Long> countsByValue(JdbcTemplate jdbc, String sql, Object... args) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        }, args);
        return counts;
    }

    /** A {@code SELECT COUNT(*)}. */
    static long count(JdbcTemplate jdbc, String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }
}
