package com.pipelineforecast.validation;

import java.util.List;

/**
 * How far a run's numbers can be trusted, for run.json, the PDF and the workbook: whether the night is complete
 * (rows rejected within {@code --max-rejected}), the stage mapping it used, the stage values it did not know (with
 * a mapping line to paste), and how much of the playbook's checklists the exports carry.
 */
public record DataQuality(boolean complete, String incomplete, List<StageMappingLine> stageMapping,
        long stageMappingMore, List<UnknownStage> unknownStages, long unknownStagesMore,
        ChecklistCoverage checklistCoverage, List<NotExported> checklistNotExported) {

    /** Most lines of the stage mapping and of the unknown stage values listed; the rest are counted. */
    public static final int LISTED = 100;

    /**
     * An exported stage value, the stage its rows were counted at, how many, and what decided: the mapping file,
     * the playbook, a CRM's default names, or the status column where it overrode the stage.
     */
    public record StageMappingLine(String value, String stage, long rows, String source) {
    }

    /** A stage value no mapping knows: its rows were rejected; {@code mappingLine} goes under {@code stages:}. */
    public record UnknownStage(String value, long rows, String suggestedStage, boolean similarName,
            String mappingLine) {
    }

    /**
     * Items the exports can carry (auto items aside) and carry; open forecast deals whose export carries at least
     * one item that could lower their stage (assessed), and those whose checklist says nothing (not assessed).
     */
    public record ChecklistCoverage(int itemsInPlaybook, int itemsExported, long dealsAssessed,
            long dealsNotAssessed) {

        public boolean none() {
            return itemsExported == 0;
        }
    }

    /**
     * Items of a stage that the exports {@code files} do not carry (empty: none of the exports carries them), and
     * the mapping lines that would bring them in.
     */
    public record NotExported(String stage, List<String> items, List<String> files, List<String> mappingLines) {
    }
}
