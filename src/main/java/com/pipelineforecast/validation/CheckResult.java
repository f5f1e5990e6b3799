package com.pipelineforecast.validation;

import java.util.List;

import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.playbook.Stage;

/**
 * The stage a deal's checklist supports, and what the checks found. {@code assessed}: the export carries at least
 * one required item that could lower this deal's stage, so its evidenced stage says something.
 */
public record CheckResult(Stage evidencedStage, List<Finding> findings, boolean assessed) {

    public CheckResult(Stage evidencedStage, List<Finding> findings) {
        this(evidencedStage, findings, true);
    }
}
