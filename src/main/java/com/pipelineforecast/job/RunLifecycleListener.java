package com.pipelineforecast.job;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.report.ReportPublisher;

/** Registers a run in the history when it starts; after a failure, removes its unpublished reports. */
@Component
public class RunLifecycleListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunLifecycleListener.class);

    private final RunContexts contexts;
    private final RunHistory history;
    private final ReportPublisher publisher;

    public RunLifecycleListener(RunContexts contexts, RunHistory history, ReportPublisher publisher) {
        this.contexts = contexts;
        this.history = history;
        this.publisher = publisher;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        RunContext context = contexts.of(execution);
        RunSettings settings = context.settings();
        history.registerRun(context.runId(), settings.runDate(), (int) settings.run(), context.playbook().id(),
                settings.reportingCurrency());
    }

    @Override
    public void afterJob(JobExecution execution) {
        try {
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                RunSettings settings = RunSettings.from(execution.getJobParameters());
                publisher.discardStaging(settings.reports(), settings.runDate(), execution.getJobInstanceId(),
                        execution.getId());
            }
        } catch (IOException e) {
            log.warn("could not remove the staging folder of the failed run: {}", e.getMessage());
        } finally {
            contexts.release(execution);
        }
    }
}
