package com.pipelineforecast.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.pipelineforecast.PipelineForecastLauncher;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/**
 * {@code --keep-runs}: four nights on a database of their own with {@code --keep-runs=2}. The per-deal rows of the
 * nights beyond the two latest are gone, the run registry and the forecast calls of every night stay, and each
 * night is still compared with the one before it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryRetentionFunctionalTest {

    private static final List<String> NIGHTS = List.of("2044-02-01", "2044-02-02", "2044-02-03", "2044-02-04");

    @TempDir
    Path work;

    private Path database;
    private Path reports;
    private final List<Integer> exits = new ArrayList<>();

    @BeforeAll
    void fourNights(@TempDir Path folder) {
        database = folder.resolve("data");
        reports = folder.resolve("reports");
        Path input = TestRuns.copyOfSample(folder.resolve("input"));
        for (String night : NIGHTS) {
            exits.add(PipelineForecastLauncher.run(new String[] {"--input=" + input, "--run-date=" + night,
                "--reports=" + reports, "--pipeline.database=" + database, "--keep-runs=2"}));
        }
    }

    @Test
    void onlyTheLatestRunsKeepTheirDealRows() throws SQLException {
        assertThat(exits).containsOnly(0);
        try (Connection connection = open()) {
            assertThat(longs(connection, "SELECT COUNT(*) FROM forecast_run")).containsExactly(4L);
            // the two latest runs keep their deals; the older ones keep their registry row, marked
            List<Long> runs = longs(connection, "SELECT run_id FROM forecast_run ORDER BY run_date");
            for (int i = 0; i < runs.size(); i++) {
                Path states = database.resolve("state").resolve("run-" + runs.get(i) + ".states");
                if (i < 2) {
                    assertThat(states).doesNotExist();
                } else {
                    assertThat(states).isNotEmptyFile();
                }
            }
            assertThat(longs(connection, """
                    SELECT COUNT(*) FROM forecast_run WHERE deals_removed_at IS NOT NULL
                    AND run_date < DATE '2044-02-03'""")).containsExactly(2L);
            for (String table : List.of("deal_finding", "rejected_row", "skipped_line", "export_columns")) {
                assertThat(longs(connection, "SELECT COUNT(DISTINCT t.run_id) FROM " + table + " t JOIN forecast_run r "
                        + "ON r.run_id = t.run_id WHERE r.deals_removed_at IS NOT NULL")).as(table).containsExactly(0L);
            }
            // what trends, accuracy and win rates read is kept for every night
            assertThat(longs(connection, "SELECT COUNT(DISTINCT run_id) FROM forecast_call")).containsExactly(4L);
            assertThat(longs(connection, "SELECT COUNT(*) FROM forecast_analysis")).containsExactly(4L);
        }
    }

    @Test
    void onlyTheLatestRunKeepsItsWorkFolder() throws SQLException {
        List<Long> runs;
        try (Connection connection = open()) {
            runs = longs(connection, "SELECT run_id FROM forecast_run ORDER BY run_date");
        }
        assertThat(runs).hasSize(4);
        for (int i = 0; i < 3; i++) {
            assertThat(com.pipelineforecast.history.ExportRows.runFolder(database, runs.get(i))).doesNotExist();
        }
        assertThat(com.pipelineforecast.history.ExportRows.runFolder(database, runs.get(3))).isDirectory();
    }

    @Test
    void eachNightIsComparedWithThePreviousOne() throws Exception {
        for (int i = 1; i < NIGHTS.size(); i++) {
            RunJson run = RunJson.read(reports.resolve(NIGHTS.get(i)));
            assertThat(run.root().path("movement").path("previousRunDate").asText()).isEqualTo(NIGHTS.get(i - 1));
        }
    }

    @Test
    void aKeepOfNoRunIsABadOption() throws Exception {
        Path input = TestRuns.copyOfSample(work.resolve("input"));
        assertThat(PipelineForecastLauncher.run(new String[] {"--input=" + input, "--run-date=2044-02-05",
            "--reports=" + work.resolve("reports"), "--pipeline.database=" + work.resolve("data"), "--keep-runs=0"}))
                .isEqualTo(2);
        assertThat(Files.exists(work.resolve("reports").resolve("2044-02-05"))).isFalse();
    }

    private Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:hsqldb:file:" + database.resolve("pipeline-forecast")
                + ";shutdown=true;ifexists=true", "SA", "");
    }

    private static List<Long> longs(Connection connection, String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (var statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }
}
