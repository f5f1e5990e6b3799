package com.pipelineforecast.playbook;

/**
 * One job that must be done before a stage is complete.
 *
 * @param when condition under which the item applies; {@link Condition#ALWAYS} when unconditional
 */
public record ChecklistItem(String id, String label, boolean required, CheckKind check, Condition when) {
}
