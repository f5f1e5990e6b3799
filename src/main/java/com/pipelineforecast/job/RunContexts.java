package com.pipelineforecast.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import com.pipelineforecast.playbook.PlaybookLoader;

/** Loads each running job's {@link RunContext} once and shares it between its steps and partitions. */
@Component
public class RunContexts {

    private final PlaybookLoader loader = new PlaybookLoader();
    private final Map<Long, RunContext> byExecution = new ConcurrentHashMap<>();

    public RunContext of(JobExecution execution) {
        return byExecution.computeIfAbsent(execution.getId(), id -> RunContext.load(execution.getJobInstanceId(),
                RunSettings.from(execution.getJobParameters()), loader));
    }

    public void release(JobExecution execution) {
        byExecution.remove(execution.getId());
    }
}
