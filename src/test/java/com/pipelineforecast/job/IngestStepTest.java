package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;

import com.pipelineforecast.support.JobTestSupport;

/** The ingest step on its own: one partition per export, every row read written as a deal or a rejection. */
@SpringBatchTest
class IngestStepTest extends JobTestSupport {

    @Autowired
    private JobOperatorTestUtils jobOperatorTestUtils;

    @Autowired
    private com.pipelineforecast.history.RunDeals runDeals;

    @Test
    void ingestStepWritesOneOutcomePerRowForEachFile() throws Exception {
        Path input = Files.createDirectories(work.resolve("ingest-step"));
        Files.writeString(input.resolve("a.csv"), "deal_id,stage,amount,close_date\nA-1,Prospect,100,2027-01-01\n"
                + "A-2,Nonsense,100,2027-01-01\nA-3,Won,250.50,2026-10-01\n");
        Files.writeString(input.resolve("b.csv"), "deal_id|stage|amount|close_date\nB-1|Discovery|1000|2027-02-01\n");
        RunSettings settings = new RunSettings(LocalDate.of(2026, 9, 1), 1, List.of(input.toString()), "six-stage",
                "USD", "USD", reports(), null, 2, new java.math.BigDecimal("0.10"), RunSettings.Reading.DEFAULT,
                RunSettings.Forecasting.DEFAULT);

        JobExecution execution = jobOperatorTestUtils.startStep("ingest", settings.toJobParameters(), null);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<StepExecution> workers = execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().startsWith("ingestFile:")).toList();
        assertThat(workers).extracting(StepExecution::getStepName)
                .containsExactlyInAnyOrder("ingestFile:file001", "ingestFile:file002");
        assertThat(workers).extracting(StepExecution::getReadCount).containsExactlyInAnyOrder(3L, 1L);
        assertThat(workers).extracting(StepExecution::getWriteCount).containsExactlyInAnyOrder(3L, 1L);
        long runId = execution.getJobInstanceId();
        List<String> ingested = new java.util.ArrayList<>();
        runDeals.forEachIngested(runId, deal -> ingested.add(deal.dealId()));
        assertThat(ingested).containsExactlyInAnyOrder("A-1", "A-3", "B-1");
        assertThat(jdbc.queryForList("SELECT file_name || ':' || line_no || ':' || reason FROM rejected_row "
                + "WHERE run_id = ?", String.class, runId)).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("a.csv:3:UNKNOWN_STAGE: not a stage, name or alias of playbook six-stage");
    }
}
