package com.pipelineforecast.job;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import com.pipelineforecast.forecast.ForecastAggregator;

/** The aggregate step: groups the run's snapshot into the selling-cycle table, in SQL. */
@Component
public class AggregateTasklet implements Tasklet {

    private final ForecastAggregator aggregator;

    public AggregateTasklet(ForecastAggregator aggregator) {
        this.aggregator = aggregator;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        aggregator.aggregate(chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstanceId());
        return RepeatStatus.FINISHED;
    }
}
