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

import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.FindingCode;
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
        history.replaceRunFindings(runId, notExported.stream().map(n -> new Finding(
                FindingCode.CHECKLIST_NOT_EXPORTED, n.stage(), null, message(playbook, n))).toList());
        long[] assessed = history.checklistAssessed(runId);
        List<String> assessable = playbook.stages().stream().flatMap(s -> s.checklist().stream())
                .filter(i -> i.check() != CheckKind.AUTO).map(ChecklistItem::id).distinct().toList();
        Set<String> anywhere = exportedItems.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        int exported = (int) assessable.stream().filter(anywhere::contains).count();
        DataQuality.ChecklistCoverage coverage = new DataQuality.ChecklistCoverage(assessable.size(), exported,
                assessed[0], assessed[1]);
        List<DataQuality.StageMappingLine> mapping = new ArrayList<>();
        long mappingGroups = stageMapping(runId, null, stages, mapping);
        List<DataQuality.UnknownStage> unknown = new ArrayList<>();
        long unknownGroups = history.unknownStageValues(runId, DataQuality.LISTED, group -> {
            StageResolver.Suggestion suggestion = stages.suggest(group.value());
            unknown.add(new DataQuality.UnknownStage(group.value(), group.rows(), suggestion.stage().id(),
                    suggestion.similar(), yamlKey(group.value()) + ": " + suggestion.stage().id()
                            + (suggestion.similar() ? "" : "   # no similar stage name: check before pasting")));
        });
        return new DataQuality(complete(counts, maxRejectedPercent), incomplete(counts, maxRejectedPercent),
                mapping, mappingGroups - mapping.size(), unknown, unknownGroups - unknown.size(), coverage,
                notExported);
    }

    /**
     * The night's quality as one team's report shows it: the night's completeness and checklist columns, the
     * coverage and the stage values of the team's deals; no unknown stage values (rejected rows belong to no team).
     */
    public DataQuality ofTeam(DataQuality night, long runId, StageResolver stages, String team) {
        long[] assessed = history.checklistAssessed(runId, team);
        DataQuality.ChecklistCoverage c = night.checklistCoverage();
        List<DataQuality.StageMappingLine> mapping = new ArrayList<>();
        long mappingGroups = stageMapping(runId, team, stages, mapping);
        return new DataQuality(night.complete(), night.incomplete(), mapping, mappingGroups - mapping.size(),
                List.of(), 0, new DataQuality.ChecklistCoverage(c.itemsInPlaybook(), c.itemsExported(), assessed[0],
                        assessed[1]), night.checklistNotExported());
    }

    /** The stage values of the run's (a team's) deals and what each was read as; returns how many groups in all. */
    private long stageMapping(long runId, String team, StageResolver stages,
            List<DataQuality.StageMappingLine> mapping) {
        return history.stageValues(runId, team, DataQuality.LISTED, group -> {
            StageResolver.Resolution read = stages.resolve(group.value()).orElse(null);
            boolean byStatus = read == null || !read.stage().id().equals(group.stage());
            mapping.add(new DataQuality.StageMappingLine(group.value() == null ? "" : group.value(), group.stage(),
                    group.rows(), byStatus ? "status column" : read.source()));
        });
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
        // rounded up, so that a share over the limit never reads as the limit itself (2.04 % is "2.1 %")
        BigDecimal percent = BigDecimal.valueOf(counts.rejected()).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(counts.read()), 1, RoundingMode.UP);
        return String.format("INCOMPLETE: %,d of %,d rows (%s %%) rejected — see rejected.csv", counts.rejected(),
                counts.read(), percent.toPlainString());
    }

    /**
     * Per stage, the assessable items some export lacks, grouped by the exports that lack them: the items no export
     * carries first (no files named), then those only some exports lack (the files named).
     */
    private static List<DataQuality.NotExported> notExported(Playbook playbook, Map<String, Set<String>> exported) {
        List<DataQuality.NotExported> result = new ArrayList<>();
        if (exported.isEmpty()) {
            return result;
        }
        for (Stage stage : playbook.stages()) {
            Map<List<String>, List<String>> itemsByLacking = new java.util.LinkedHashMap<>();
            for (ChecklistItem item : stage.checklist()) {
                if (item.check() == CheckKind.AUTO) {
                    continue;
                }
                List<String> lacking = exported.entrySet().stream().filter(e -> !e.getValue().contains(item.id()))
                        .map(Map.Entry::getKey).toList();
                if (!lacking.isEmpty()) {
                    itemsByLacking.computeIfAbsent(lacking.size() == exported.size() ? List.of() : lacking,
                            k -> new ArrayList<>()).add(item.id());
                }
            }
            itemsByLacking.entrySet().stream().sorted(Comparator.comparing(e -> !e.getKey().isEmpty()))
                    .forEach(e -> result.add(new DataQuality.NotExported(stage.id(), e.getValue(), e.getKey(),
                            e.getValue().stream().map(id -> id + ": <header of the CRM field>").toList())));
        }
        return result;
    }

    private static String message(Playbook playbook, DataQuality.NotExported n) {
        Stage stage = playbook.stage(n.stage());
        String labels = n.items().stream().map(id -> stage.checklist().stream().filter(i -> i.id().equals(id))
                .findFirst().map(i -> i.label() + " (" + id + ")").orElse(id)).collect(Collectors.joining(", "));
        return (n.files().isEmpty() ? "not in any export, so not assessed on any deal: "
                : "not in " + String.join(", ", n.files()) + ", so not assessed on the deals of "
                        + (n.files().size() == 1 ? "that file: " : "those files: ")) + labels
                + ". To assess one, name its column under checklist: in a mapping file, e.g. '"
                + n.mappingLines().get(0) + "'";
    }

    /** A YAML mapping key: plain when it is safe, else double-quoted. */
    public static String yamlKey(String value) {
        if (value.matches("[\\p{L}\\p{N}][\\p{L}\\p{N} ./()&'_+-]*") && !value.endsWith(" ")) {
            return value;
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
