package com.pipelineforecast.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.pipelineforecast.history.DealStates;
import com.pipelineforecast.job.NightlyRun;
import com.pipelineforecast.job.PipelineProperties;
import com.pipelineforecast.job.RunOutcome;

/** Functional tests run the real job against a real HSQLDB file of their own. */
@SpringBootTest
public abstract class JobTestSupport {

    /** One database for all functional tests of a JVM; each test uses its own run dates and reports folder. */
    protected static final Path work = createWorkFolder();

    @Autowired
    protected NightlyRun nightlyRun;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("pipeline.database", () -> work.resolve("db").toString());
    }

    protected RunOutcome run(PipelineProperties options) {
        return nightlyRun.run(options);
    }

    /** A reports folder of the calling test class's own. */
    protected Path reports() throws IOException {
        return Files.createDirectories(work.resolve(getClass().getSimpleName()).resolve("reports"));
    }

    private static Path createWorkFolder() {
        try {
            return Files.createTempDirectory("pipeline-forecast-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    protected DealStates dealStates;

    /** The deals the latest run of a night kept in its history (its state file), in deal-id order. */
    protected List<DealStates.State> keptDeals(String runDate) {
        Long runId = jdbc.queryForObject("SELECT MAX(run_id) FROM forecast_run WHERE run_date = CAST(? AS DATE)",
                Long.class, runDate);
        return keptDeals(dealStates, runId);
    }

    /** The deals a run kept in its history (its state file), in deal-id order; none when it has no file. */
    public static List<DealStates.State> keptDeals(DealStates states, Long runId) {
        List<DealStates.State> deals = new ArrayList<>();
        if (runId == null || !states.has(runId)) {
            return deals;
        }
        try (DealStates.Reader reader = states.read(runId, null)) {
            for (DealStates.State state = reader.next(); state != null; state = reader.next()) {
                deals.add(state);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deals;
    }

    /** The export rows (deals and rejected rows) the ingest of a night's latest run committed. */
    protected long committedRows(String runDate) {
        return jdbc.queryForObject("""
                SELECT SUM(s.WRITE_COUNT) FROM BATCH_STEP_EXECUTION s
                JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
                WHERE s.STEP_NAME LIKE 'ingestFile:%' AND e.JOB_INSTANCE_ID =
                    (SELECT MAX(run_id) FROM forecast_run WHERE run_date = CAST(? AS DATE))""", Long.class, runDate);
    }

    /** The kept deal of a night with this id (its first row). */
    protected DealStates.State keptDeal(String runDate, String dealId) {
        return keptDeals(runDate).stream().filter(d -> d.id().equals(dealId)).findFirst().orElseThrow();
    }
}
