package com.pipelineforecast.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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

    protected long snapshotRows(String runDate) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM deal_snapshot s JOIN forecast_run r ON r.run_id = s.run_id "
                + "WHERE r.run_date = CAST(? AS DATE)", Long.class, runDate);
    }
}
