package com.pipelineforecast.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.pipelineforecast.history.DealStates;
import com.pipelineforecast.validation.DuplicateDetector;

/**
 * The checkDuplicates step: tonight's deals sorted by id and merged with the previous night's (the stage dates it
 * carries, {@link DealStates#build}), then the duplicate check over them.
 */
@Component
public class DuplicateCheckTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger("pipeline.check");

    private final DuplicateDetector detector;
    private static final String STARTED = "duplicates.started";

    private final RunContexts contexts;
    private final JobRepository jobRepository;

    private final TransactionTemplate ownTransaction;

    public DuplicateCheckTasklet(DuplicateDetector detector, RunContexts contexts, JobRepository jobRepository,
            PlatformTransactionManager transactions) {
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.detector = detector;
        this.contexts = contexts;
        this.jobRepository = jobRepository;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        JobExecution execution = step.getJobExecution();
        RunContext context = contexts.of(execution);
        // the detector commits in batches: a restart of this step first undoes what an earlier attempt committed
        boolean earlierAttempt = step.getExecutionContext().containsKey(STARTED);
        step.getExecutionContext().putString(STARTED, "true");
        // committed now, not with the step: a crash before the step ends must still find it
        ownTransaction.executeWithoutResult(status -> jobRepository.updateExecutionContext(step));
        long duplicates = detector.detect(context.runId(), context.previousRunId(), context.settings().runDate(),
                context.playbook(), context.weigher(), earlierAttempt);
        log.info("duplicates: {} deals share account and name with another deal id", duplicates);
        return RepeatStatus.FINISHED;
    }
}
