package com.pipelineforecast.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the deal sheets need of the run beyond its snapshot, as plain data: the exchange rates the amounts were
 * converted with, and which export columns record which checklist items.
 *
 * @param fxRates units of the reporting currency per unit of each currency (the reporting currency itself is 1)
 * @param checklistItems the playbook's checklist item ids an export can carry ({@code check: auto} items aside), in
 *     playbook order
 * @param checklistByFile per export file, its export columns' checklist items (see {@link ExportChecklist})
 * @param previousRunId the run tonight is compared with, whose deals the Movement sheet shows before (null: none)
 * @param exportRows per export file, the file of its deals' other columns ({@code ExportRows}); none: left empty
 */
public record WorkbookInputs(Map<String, BigDecimal> fxRates, List<String> checklistItems,
        Map<String, ExportChecklist> checklistByFile, Long previousRunId,
        java.util.function.Function<String, java.nio.file.Path> exportRows) {

    /** No rates and no checklist columns: the deal sheets leave both empty. */
    public static final WorkbookInputs NONE = new WorkbookInputs(Map.of(), List.of(), Map.of(), null, file -> null);

    public WorkbookInputs {
        fxRates = Map.copyOf(fxRates);
        checklistItems = List.copyOf(checklistItems);
        checklistByFile = Map.copyOf(checklistByFile);
    }

    /**
     * The checklist items of one file's export columns.
     *
     * @param itemByColumn per export column (in the order of the file's export headers) the item id it records, or
     *     null for a column that records none
     * @param listColumn the export column listing the items done ({@code checklist}: ids separated by {@code ;} or
     *     {@code ,}), or -1 when the file has none
     */
    public record ExportChecklist(List<String> itemByColumn, int listColumn) {

        public ExportChecklist {
            itemByColumn = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(itemByColumn));
        }

        /** Whether the file says anything about the item: a column of its own, or a checklist column. */
        boolean carries(String item) {
            return listColumn >= 0 || itemByColumn.contains(item);
        }
    }
}
