package com.pipelineforecast.validation;

import java.util.List;

import com.pipelineforecast.playbook.Stage;

/** The stage a deal's checklist supports, and what the checks found. */
public record CheckResult(Stage evidencedStage, List<Finding> findings) {
}
