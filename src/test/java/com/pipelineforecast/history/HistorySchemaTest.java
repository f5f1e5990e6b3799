package com.pipelineforecast.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** A history database created by an earlier version is brought up to date when the job starts. */
class HistorySchemaTest {

    @Test
    void anEarlierHistoryGetsTheExportColumnAndRoomForLargeDocuments(@TempDir Path folder) throws Exception {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource("jdbc:hsqldb:file:" + folder
                + "/history;shutdown=true", "SA", "", true);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // the schema as the first version created it: no export_values, every TEXT a VARCHAR(32768)
        String earlier = new ClassPathResource("db/postgresql/schema.sql").getContentAsString(StandardCharsets.UTF_8)
                .replaceAll("(?m)^\\s*export_values TEXT,\\n", "").replaceAll("(?m)^\\s*--.*\\n", "")
                .replace("CREATE TABLE", "CREATE CACHED TABLE").replace(" TEXT", " VARCHAR(32768)");
        for (String statement : earlier.split(";")) {
            if (!statement.isBlank()) {
                jdbc.execute(statement);
            }
        }
        jdbc.update("INSERT INTO forecast_analysis (run_id, content) VALUES (1, 'earlier')");

        new HistorySchema(dataSource).afterPropertiesSet();

        // an analysis of tens of thousands of owners is larger than the 16 MB a VARCHAR holds
        String large = "x".repeat(20_000_000);
        jdbc.update("INSERT INTO forecast_analysis (run_id, content) VALUES (2, ?)", large);
        assertThat(jdbc.queryForObject("SELECT content FROM forecast_analysis WHERE run_id = 2", String.class))
                .hasSize(20_000_000);
        assertThat(jdbc.queryForObject("SELECT content FROM forecast_analysis WHERE run_id = 1", String.class))
                .isEqualTo("earlier");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = "
                + "'DEAL_SNAPSHOT' AND COLUMN_NAME = 'EXPORT_VALUES'", Integer.class)).isEqualTo(1);
        // starting again changes nothing
        new HistorySchema(dataSource).afterPropertiesSet();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM forecast_analysis", Integer.class)).isEqualTo(2);
        dataSource.destroy();
    }
}
