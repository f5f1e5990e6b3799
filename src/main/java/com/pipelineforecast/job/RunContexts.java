package com.pipelineforecast.job;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.forecast.WinRateCalibrator;
import com.pipelineforecast.playbook.PlaybookLoader;

/** Loads each running job's {@link RunContext} once and shares it between its steps and partitions. */
@Component
public class RunContexts {

    private final PlaybookLoader loader = new PlaybookLoader();
    private final Map<Long, RunContext> byExecution = new ConcurrentHashMap<>();
    private final WinRateCalibrator calibrator;

    private final RunHistory history;

    public RunContexts(WinRateCalibrator calibrator, RunHistory history) {
        this.calibrator = calibrator;
        this.history = history;
    }

    public RunContext of(JobExecution execution) {
        return byExecution.computeIfAbsent(execution.getId(), id -> load(execution));
    }

    /** With {@code --weights=calibrated}, the win rates observed before the run date weigh the stages they back. */
    private RunContext load(JobExecution execution) {
        RunSettings settings = RunSettings.from(execution.getJobParameters());
        Map<String, BigDecimal> weights = Map.of();
        if (settings.forecasting().calibrated()) {
            weights = WinRateCalibrator.weights(calibrator.calibrate(loader.load(settings.playbook()),
                    settings.runDate(), null, settings.forecasting().calibrationMinDeals()));
        }
        return RunContext.load(execution.getJobInstanceId(), settings, loader, weights,
                history.previousPublished(settings.runDate()).orElse(null));
    }

    public void release(JobExecution execution) {
        byExecution.remove(execution.getId());
    }
}
