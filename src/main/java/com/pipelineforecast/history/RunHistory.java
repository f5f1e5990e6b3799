package com.pipelineforecast.history;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.FindingCode;

/**
 * A run's history as the steps and renderers read it: its registration, its counts, its rows. Each table's SQL is
 * in its repository; this reads across them (the counts of a run span its accepted, rejected and skipped rows).
 */
@Component
public class RunHistory {

    private final ForecastRunRepository runs;
    private final DealSnapshotRepository deals;
    private final DealFindingRepository findings;
    private final RejectedRowRepository rejected;
    private final SkippedLineRepository skipped;
    private final ExportColumnsRepository exportColumns;
    private final RunDeals runDeals;

    public RunHistory(ForecastRunRepository runs, DealSnapshotRepository deals, DealFindingRepository findings,
            RejectedRowRepository rejected, SkippedLineRepository skipped, ExportColumnsRepository exportColumns,
            RunDeals runDeals) {
        this.runDeals = runDeals;
        this.runs = runs;
        this.deals = deals;
        this.findings = findings;
        this.rejected = rejected;
        this.skipped = skipped;
        this.exportColumns = exportColumns;
    }

    /** Registers a run when it first starts; a restart of the same run keeps its row. */
    public void registerRun(long runId, LocalDate runDate, int seq, String playbook, String reportingCurrency) {
        runs.register(runId, runDate, seq, playbook, reportingCurrency);
    }

    /**
     * The latest published run before the date whose deal rows are kept (the highest rerun of that date): what
     * tonight is compared with. A run resolves it once, when it starts ({@code RunContext}).
     */
    public Optional<ForecastRunRepository.PreviousRun> previousPublished(LocalDate runDate) {
        return runs.previousPublished(runDate);
    }

    /** When the run was first registered: with its id, what tells this run's run.json from any other's. */
    public String startedAt(long runId) {
        java.sql.Timestamp started = runs.startedAt(runId);
        return started == null ? "" : started.toLocalDateTime().toString();
    }

    /** Whether the run is published. */
    public boolean published(long runId) {
        return runs.published(runId);
    }

    public void markPublished(long runId) {
        runs.markPublished(runId);
    }

    public RunCounts counts(long runId) {
        Map<String, Long> byFile = new LinkedHashMap<>();
        long accepted = 0;
        for (Map.Entry<String, Long> file : runDeals.countByFile(runId).entrySet()) {
            byFile.merge(file.getKey(), file.getValue(), Long::sum);
            accepted += file.getValue();
        }
        long rejectedRows = 0;
        for (Map.Entry<String, Long> file : rejected.countByFile(runId).entrySet()) {
            byFile.merge(file.getKey(), file.getValue(), Long::sum);
            rejectedRows += file.getValue();
        }
        Map<String, Long> skippedByFile = skipped.countByFile(runId);
        long skippedLines = skippedByFile.values().stream().mapToLong(Long::longValue).sum();
        return new RunCounts(accepted + rejectedRows, accepted, rejectedRows, skippedLines, byFile, skippedByFile);
    }

    /** Streams the run's rejected rows in file and line order. */
    public void forEachRejected(long runId, Consumer<RejectedRowRepository.RejectedLine> action) {
        rejected.forEachRejected(runId, action);
    }

    /** How many rows were rejected for each reason code. */
    public Map<String, Long> rejectedReasons(long runId) {
        return rejected.countByReasonCode(runId);
    }

    /** The currencies that had no exchange rate. */
    public List<String> currenciesWithoutRate(long runId) {
        return rejected.currenciesWithoutRate(runId);
    }

    /** Streams the run's findings: the run-level ones, then the deals' in file, line and finding order. */
    public void forEachFinding(long runId, Consumer<DealFindingRepository.FindingLine> action) {
        findings.forEachRunFinding(runId, action);
        runDeals.forEachFinding(runId, action);
    }

    /** Streams the run-level findings in order. */
    public void forEachRunFinding(long runId, Consumer<DealFindingRepository.FindingLine> action) {
        findings.forEachRunFinding(runId, action);
    }

    /** Streams the findings of the run's deals in file, line and finding order. */
    public void forEachDealFinding(long runId, Consumer<DealFindingRepository.FindingLine> action) {
        runDeals.forEachFinding(runId, action);
    }

    /** The findings of one team's deals, per code (as {@link #findingCounts(long)}). */
    public Map<String, Long> findingCounts(long runId, String team) {
        return mostFrequentFirst(runDeals.countByCode(runId, team));
    }

    /** How many findings of each code the run has, most frequent first. */
    public Map<String, Long> findingCounts(long runId) {
        Map<String, Long> counts = new java.util.HashMap<>(runDeals.countByCode(runId, null));
        findings.countRunFindingsByCode(runId).forEach((code, n) -> counts.merge(code, n, Long::sum));
        return mostFrequentFirst(counts);
    }

    private static Map<String, Long> mostFrequentFirst(Map<String, Long> counts) {
        Map<String, Long> ordered = new java.util.LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    /**
     * The workbook's one read of the run's deals ({@link RunDeals#workbookPass}): each deal to {@code deals} in file
     * and line order (the order of the exports), and what the Actions and Findings sheets need gathered.
     */
    public RunDeals.WorkbookPass workbookPass(long runId, int largestGapDeals,
            Consumer<DealSnapshotRepository.DealRow> deals) {
        return runDeals.workbookPass(runId, largestGapDeals, deals);
    }

    /** The headers of each file's export columns (beyond the canonical ones), by file name. */
    public Map<String, List<String>> exportHeaders(long runId) {
        return exportColumns.headers(runId);
    }

    /**
     * Rows per exported stage value (null for rows without one) and the stage they were counted at, most rows
     * first: the first {@code limit} groups, and how many groups there are in all.
     */
    public long stageValues(long runId, int limit, Consumer<RowGroup> first) {
        return runDeals.stageValues(runId, null, limit, first);
    }

    /** As {@link #stageValues(long, int, Consumer)}, of one team's deals (null: every deal). */
    public long stageValues(long runId, String team, int limit, Consumer<RowGroup> first) {
        return runDeals.stageValues(runId, team, limit, first);
    }

    /**
     * Rows rejected per stage value that no mapping knows, most first: the first {@code limit}, and how many in
     * all.
     */
    public long unknownStageValues(long runId, int limit, Consumer<RowGroup> first) {
        return rejected.unknownStageValues(runId, limit, first);
    }

    /** Open forecast deals whose checklist was assessed ([0]) and not assessed ([1]). */
    public long[] checklistAssessed(long runId) {
        return runDeals.checklistAssessed(runId, null);
    }

    /** As {@link #checklistAssessed(long)}, of one team's deals ({@code team} null: of every deal). */
    public long[] checklistAssessed(long runId, String team) {
        return runDeals.checklistAssessed(runId, team);
    }

    /** The teams of a run's deals, in name order (deals without a team aside). */
    public List<String> teams(long runId) {
        return runDeals.teams(runId);
    }

    /** Replaces the run's run-level findings (file '', line 0, no deal id; first in findings.csv). */
    public void replaceRunFindings(long runId, List<Finding> runFindings) {
        findings.replaceRunFindings(runId, runFindings);
    }

    /** Replaces the run's run-level findings of one code, leaving the others (numbered after them). */
    public void replaceRunFindings(long runId, FindingCode code, List<Finding> runFindings) {
        findings.replaceRunFindings(runId, code, runFindings);
    }
}
