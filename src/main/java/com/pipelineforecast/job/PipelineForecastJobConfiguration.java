package com.pipelineforecast.job;

import java.nio.file.Path;
import java.util.Arrays;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import com.pipelineforecast.report.ReportLimits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.pipelineforecast.history.DealRecords;
import com.pipelineforecast.history.DealSnapshotWriter;
import com.pipelineforecast.history.ExportColumnsRepository;
import com.pipelineforecast.history.ExportRows;
import com.pipelineforecast.history.IngestOutcome;
import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.ingest.DealExportReader;

/**
 * {@code pipelineForecastJob}: ingest (one partition per export, chunk-oriented) → checkDuplicates (set-based,
 * over the snapshot) → aggregate → render → publish.
 */
@Configuration
@EnableConfigurationProperties({PipelineProperties.class, ReportLimits.class})
public class PipelineForecastJobConfiguration {

    public static final String JOB_NAME = "pipelineForecastJob";

    @Bean
    public Job pipelineForecastJob(JobRepository jobRepository, Step ingest, Step checkDuplicates,
            Step aggregate, Step render, Step publish, RunLifecycleListener lifecycle) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(lifecycle)
                .start(ingest)
                .next(checkDuplicates)
                .next(aggregate)
                .next(render)
                .next(publish)
                .build();
    }

    @Bean
    public Step ingest(JobRepository jobRepository, Step ingestFile, InputPartitioner inputPartitioner) {
        return new StepBuilder("ingest", jobRepository)
                .partitioner("ingestFile", inputPartitioner)
                .step(ingestFile)
                .build();
    }

    /** Job-scoped so that the chunk size is the run's own (a job parameter, kept on restart). */
    @Bean
    @JobScope
    public Step ingestFile(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ItemStreamReader<IngestOutcome> dealReader, DealSnapshotWriter snapshot,
            IngestWorkFiles workFiles, IngestProgressListener ingestProgress,
            @Value("#{jobParameters['chunkSize']}") Long chunkSize) {
        return new StepBuilder("ingestFile", jobRepository)
                .<IngestOutcome, IngestOutcome>chunk(chunkSize.intValue())
                .transactionManager(transactionManager)
                .reader(dealReader)
                // rejected and skipped rows to the database; to the run's work folder the deals as the reports
                // read them and the export's other columns
                .writer(chunk -> {
                    snapshot.write(chunk);
                    workFiles.write(chunk);
                })
                .stream(workFiles)
                .listener(ingestProgress)
                .build();
    }

    /**
     * Outside any transaction of its own: the check commits its writes a batch at a time (a transaction around
     * them all would hold every changed row in the heap), and an open transaction reading the snapshot would make
     * those batches wait on it.
     */
    @Bean
    public Step checkDuplicates(JobRepository jobRepository, DuplicateCheckTasklet tasklet) {
        return new StepBuilder("checkDuplicates", jobRepository)
                .tasklet(tasklet, new ResourcelessTransactionManager()).build();
    }

    @Bean
    public Step aggregate(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            AggregateTasklet tasklet) {
        return new StepBuilder("aggregate", jobRepository).tasklet(tasklet, transactionManager).build();
    }

    @Bean
    public Step render(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            RenderTasklet tasklet) {
        return new StepBuilder("render", jobRepository).tasklet(tasklet, transactionManager).build();
    }

    @Bean
    public Step publish(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            PublishTasklet tasklet) {
        return new StepBuilder("publish", jobRepository).tasklet(tasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    public InputPartitioner inputPartitioner(@Value("#{jobParameters['input']}") String input) {
        return new InputPartitioner(Arrays.asList(input.split("\n")));
    }

    /**
     * The export's rows, each already checked and weighed into its outcome ({@link DealProcessor}) on the reading
     * thread, so that the chunks only write them.
     */
    @Bean
    @StepScope
    public ItemStreamReader<IngestOutcome> dealReader(@Value("#{stepExecutionContext['file']}") String file,
            @Value("#{stepExecution}") StepExecution stepExecution, RunContexts contexts) {
        RunContext context = contexts.of(stepExecution.getJobExecution());
        return new DealExportReader(Path.of(file), context.checklistItemIds(), context.readOptions())
                .preparing(new DealProcessor(context)::process);
    }

    @Bean
    @StepScope
    public IngestWorkFiles ingestWorkFiles(@Value("#{stepExecutionContext['file']}") String file,
            @Value("#{stepExecution}") StepExecution stepExecution, RunContexts contexts,
            @Value("${pipeline.database:data}") String database) {
        long runId = contexts.of(stepExecution.getJobExecution()).runId();
        String exportFile = Path.of(file).getFileName().toString();
        return new IngestWorkFiles(new DealRecords.Writer(DealRecords.file(Path.of(database), runId, exportFile),
                exportFile), new ExportRows.Writer(ExportRows.file(Path.of(database), runId, exportFile)));
    }

    @Bean
    @StepScope
    public IngestProgressListener ingestProgress(@Value("#{stepExecutionContext['file']}") String file) {
        return new IngestProgressListener(Path.of(file).getFileName().toString());
    }

    @Bean
    public DealSnapshotWriter dealSnapshotWriter(JdbcTemplate jdbcTemplate, ExportColumnsRepository exportColumns) {
        return new DealSnapshotWriter(jdbcTemplate, exportColumns);
    }
}
