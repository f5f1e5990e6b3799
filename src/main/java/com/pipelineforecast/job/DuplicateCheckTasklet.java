package com.pipelineforecast.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import com.pipelineforecast.validation.DuplicateDetector;

/** The checkDuplicates step: the set-based duplicate check over the snapshot the ingest wrote. */
@Component
public class DuplicateCheckTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger("pipeline.check");

    private final DuplicateDetector detector;
    private final RunContexts contexts;

    public DuplicateCheckTasklet(DuplicateDetector detector, RunContexts contexts) {
        this.detector = detector;
        this.contexts = contexts;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        RunContext context = contexts.of(execution);
        long duplicates = detector.detect(context.runId(), context.settings().runDate(), context.playbook(),
                context.weigher());
        log.info("duplicates: {} deals share account and name with another deal id", duplicates);
        return RepeatStatus.FINISHED;
    }
}
