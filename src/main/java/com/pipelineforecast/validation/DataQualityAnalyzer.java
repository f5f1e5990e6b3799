package com.pipelineforecast.validation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.pipelineforecast.history.RunCounts;
import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.ingest.StageResolver;
import com.pipelineforecast.playbook.CheckKind;
import com.pipelineforecast.playbook.ChecklistItem;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.Stage;

/**
 * Works out a run's {@link DataQuality} after ingest and records one run-level {@code CHECKLIST_NOT_EXPORTED}
 * finding per stage whose items some export does not carry (instead of a finding per deal and item).
 */
@Component
public class DataQualityAnalyzer {

    public static final String NOT_EXPORTED = "CHECKLIST_NOT_EXPORTED";

    private final RunHistory history;

    public DataQualityAnalyzer(RunHistory history) {
        this.history = history;
    }

    /**
     * @param exportedItems per export file, the checklist items its header carries
     * @param maxRejectedPercent above this share of rejected rows the night is incomplete
     */
    public DataQuality analyze(long runId, Playbook playbook, StageResolver stages,
            Map<String, Set<String>> exportedItems, RunCounts counts, BigDecimal maxRejectedPercent) {
        List<DataQuality.NotExported> notExported = notExported(playbook, exportedItems);
        history.replaceRunFindings(runId, notExported.stream().map(n -> new Finding(NOT_EXPORTED, Severity.INFO,
                n.stage(), null, message(playbook, n))).toList());
        long[] assessed = history.checklistAssessed(runId);
        List<String> assessable = playbook.stages().stream().flatMap(s -> s.checklist().stream())
                .filter(i -> i.check() != CheckKind.AUTO).map(ChecklistItem::id).distinct().toList();
        Set<String> anywhere = exportedItems.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        int exported = (int) assessable.stream().filter(anywhere::contains).count();
        DataQuality.ChecklistCoverage coverage = new DataQuality.ChecklistCoverage(assessable.size(), exported,
                assessed[0], assessed[1]);
        return new DataQuality(complete(counts, maxRejectedPercent), incomplete(counts, maxRejectedPercent),
                stageMapping(runId, stages), unknownStages(runId, stages), coverage, notExported);
    }

    public static boolean complete(RunCounts counts, BigDecimal maxRejectedPercent) {
        return BigDecimal.valueOf(counts.rejected()).multiply(BigDecimal.valueOf(100))
                .compareTo(maxRejectedPercent.multiply(BigDecimal.valueOf(counts.read()))) <= 0;
    }

    /** The banner of an incomplete night, or null. */
    public static String incomplete(RunCounts counts, BigDecimal maxRejectedPercent) {
        if (complete(counts, maxRejectedPercent)) {
            return null;
        }
        BigDecimal percent = BigDecimal.valueOf(counts.rejected()).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(counts.read()), 1, RoundingMode.HALF_UP);
        return String.format("INCOMPLETE: %,d of %,d rows (%s %%) rejected — see rejected.csv", counts.rejected(),
                counts.read(), percent.toPlainString());
    }

    private List<DataQuality.StageMappingLine> stageMapping(long runId, StageResolver stages) {
        List<DataQuality.StageMappingLine> lines = new ArrayList<>();
        history.stageValues(runId).forEach((value, rows) -> {
            StageResolver.Resolution resolution = stages.resolve(value).orElse(null);
            lines.add(new DataQuality.StageMappingLine(value == null ? "" : value,
                    resolution == null ? "" : resolution.stage().id(), rows,
                    resolution == null ? "status column" : resolution.source()));
        });
        lines.sort(Comparator.comparingLong(DataQuality.StageMappingLine::rows).reversed()
                .thenComparing(DataQuality.StageMappingLine::value));
        return lines;
    }

    private List<DataQuality.UnknownStage> unknownStages(long runId, StageResolver stages) {
        List<DataQuality.UnknownStage> unknown = new ArrayList<>();
        history.unknownStageValues(runId).forEach((value, rows) -> {
            StageResolver.Suggestion suggestion = stages.suggest(value);
            unknown.add(new DataQuality.UnknownStage(value, rows, suggestion.stage().id(), suggestion.similar(),
                    yamlKey(value) + ": " + suggestion.stage().id()));
        });
        return unknown;
    }

    /** Per stage, the assessable items some export lacks; the files are named when not every file lacks them. */
    private static List<DataQuality.NotExported> notExported(Playbook playbook, Map<String, Set<String>> exported) {
        List<DataQuality.NotExported> result = new ArrayList<>();
        if (exported.isEmpty()) {
            return result;
        }
        for (Stage stage : playbook.stages()) {
            List<String> items = new ArrayList<>();
            Set<String> files = new LinkedHashSet<>();
            for (ChecklistItem item : stage.checklist()) {
                if (item.check() == CheckKind.AUTO) {
                    continue;
                }
                List<String> lacking = exported.entrySet().stream().filter(e -> !e.getValue().contains(item.id()))
                        .map(Map.Entry::getKey).toList();
                if (!lacking.isEmpty()) {
                    items.add(item.id());
                    files.addAll(lacking);
                }
            }
            if (!items.isEmpty()) {
                result.add(new DataQuality.NotExported(stage.id(), items,
                        files.size() == exported.size() ? List.of() : List.copyOf(files),
                        items.stream().map(id -> id + ": <header of the CRM field>").toList()));
            }
        }
        return result;
    }

    private static String message(Playbook playbook, DataQuality.NotExported n) {
        Stage stage = playbook.stage(n.stage());
        String labels = n.items().stream().map(id -> stage.checklist().stream().filter(i -> i.id().equals(id))
                .findFirst().map(i -> i.label() + " (" + id + ")").orElse(id)).collect(Collectors.joining(", "));
        return "not in the export" + (n.files().isEmpty() ? "" : " " + String.join(", ", n.files()))
                + ", so not assessed on any deal: " + labels + ". To assess one, name its column under checklist: "
                + "in a mapping file, e.g. '" + n.mappingLines().get(0) + "'";
    }

    /** A YAML mapping key: plain when it is safe, else double-quoted. */
    public static String yamlKey(String value) {
        if (value.matches("[\\p{L}\\p{N}][\\p{L}\\p{N} ./()&'_+-]*") && !value.endsWith(" ")) {
            return value;
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
