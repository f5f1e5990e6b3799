package com.pipelineforecast.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.pipelineforecast.domain.FindingCode;
import com.pipelineforecast.forecast.ForecastAnalysis;
import com.pipelineforecast.forecast.ForecastTotals;
import com.pipelineforecast.forecast.StageTotal;
import com.pipelineforecast.forecast.Watchlists;
import com.pipelineforecast.validation.DataQuality;

import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/** The rows of forecast.pdf's tables, as the field maps of its subreports, and the sentences above them. */
final class PdfTables {

    private final ForecastReport report;
    private final ForecastAnalysis analysis;

    PdfTables(ForecastReport report) {
        this.report = report;
        this.analysis = report.analysis();
    }

    JRDataSource figures() {
        ForecastTotals totals = report.totals();
        List<Map<String, ?>> rows = new ArrayList<>();
        figure(rows, "Open pipeline (" + count(totals.openDeals()) + " open deals, leads excluded)",
                money(totals.openAmount()));
        figure(rows, "Weighted as reported (claimed stages)", money(totals.weightedAsReported()));
        DataQuality quality = report.quality();
        if (quality != null && quality.checklistCoverage().none()) {
            figure(rows, "Weighted, checklist-adjusted (evidenced stages)", "checklists not in the export: not assessed");
        } else {
            figure(rows, "Weighted, checklist-adjusted (evidenced stages)",
                    money(totals.weightedChecklistAdjusted()));
            figure(rows, "Gap the checklists do not support", money(totals.gap()));
            if (quality != null) {
                DataQuality.ChecklistCoverage c = quality.checklistCoverage();
                figure(rows, "Checklist coverage (items exported; open deals assessed)", c.itemsExported() + " of "
                        + c.itemsInPlaybook() + " items; " + count(c.dealsAssessed()) + " of "
                        + count(c.dealsAssessed() + c.dealsNotAssessed()) + " deals");
            }
        }
        if (quality != null && !quality.complete()) {
            figure(rows, "Rows rejected (see rejected.csv)", count(report.counts().rejected()) + " of "
                    + count(report.counts().read()) + " rows");
        }
        ForecastAnalysis.QuarterCall call = analysis.quarterCall();
        if (call != null) {
            String q = call.quarter();
            figure(rows, "Closed won, " + q, money(call.closedWon()));
            figure(rows, "Commit, " + q + " (open deals closing in the quarter)", money(call.commit()));
            figure(rows, "Best case, " + q, money(call.bestCase()));
            figure(rows, "Closed + commit, " + q, money(call.closedPlusCommit()));
            figure(rows, "Closed + commit + best case, " + q, money(call.closedPlusCommitPlusBestCase()));
            figure(rows, "Weighted as reported / checklist-adjusted, " + q, money(call.weightedAsReported()) + " / "
                    + money(call.weightedChecklistAdjusted()));
            if (call.quota() != null) {
                figure(rows, "Quota, " + q, money(call.quota()));
            }
        }
        figure(rows, "Closed won, all deals in the exports", money(totals.closedWon()));
        if (totals.leads() > 0) {
            figure(rows, "Leads (counted, not weighted)", count(totals.leads()));
        }
        coverage(rows);
        return shown(rows);
    }

    /** Pipeline coverage of what is left of each quota, when quotas.csv gave any. */
    private void coverage(List<Map<String, ?>> rows) {
        for (ForecastAnalysis.QuotaLine quota : analysis.quotas()) {
            figure(rows, "Coverage: " + quota.ownerOrTeam() + ", " + quota.period() + " (open pipeline / quota "
                    + "remaining)", quota.coverage() == null ? "quota met"
                            : String.format(Locale.US, "%.2fx", quota.coverage()));
        }
    }

    private static void figure(List<Map<String, ?>> rows, String label, String value) {
        rows.add(Map.of("label", label, "value", value));
    }

    JRDataSource stages() {
        // the observed win rate with the deals behind it and its 95 % interval, or why there is none
        Map<String, String> observed = new HashMap<>();
        analysis.calibration().forEach(c -> {
            if (c.deals() == 0) {
                return;
            }
            if (c.deals() < report.calibrationMinDeals() || c.observedRate() == null) {
                observed.put(c.stage(), "too few deals (" + c.deals() + ")");
            } else {
                observed.put(c.stage(), percent(c.observedRate()) + " of " + count(c.deals()) + " (" + percent(c.low())
                        + "–" + percent(c.high()) + ")");
            }
        });
        List<Map<String, ?>> rows = new ArrayList<>();
        for (StageTotal stage : report.stages()) {
            Map<String, Object> row = new HashMap<>();
            row.put("stage", stage.stageName());
            row.put("deals", stage.deals());
            row.put("amount", stage.amount());
            row.put("probability", stage.probability());
            row.put("calibrated", observed.get(stage.stageId()));
            row.put("weighted", stage.weightedReported());
            row.put("adjusted", stage.weightedAdjusted());
            rows.add(row);
        }
        return shown(rows);
    }

    JRDataSource periods() {
        List<Map<String, ?>> rows = new ArrayList<>();
        String previous = null;
        for (ForecastAnalysis.PeriodLine line : analysis.periods()) {
            Map<String, Object> row = new HashMap<>();
            row.put("period", line.period().equals(previous) ? null : line.period());
            row.put("stage", line.stage() == null ? "no deals" : stageName(line.stage()));
            row.put("deals", line.deals());
            row.put("amount", line.amount());
            row.put("weighted", line.weighted());
            row.put("adjusted", line.weightedChecklistAdjusted());
            row.put("pastDue", line.pastDueDeals() == 0 ? null : line.pastDueAmount());
            rows.add(row);
            previous = line.period();
        }
        return shown(rows);
    }

    JRDataSource owners() {
        List<Map<String, ?>> rows = new ArrayList<>();
        String previous = null;
        for (ForecastAnalysis.OwnerLine line : analysis.owners()) {
            Map<String, Object> row = new HashMap<>();
            row.put("team", line.team().equals(previous) ? null : line.team());
            row.put("owner", line.owner());
            row.put("deals", line.openDeals());
            row.put("amount", line.openAmount());
            row.put("weighted", line.weighted());
            row.put("adjusted", line.weightedChecklistAdjusted());
            row.put("won", line.closedWon());
            rows.add(row);
            previous = line.team();
        }
        return shown(rows);
    }

    JRDataSource unevidenced() {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (Watchlists.UnevidencedDeal deal : analysis.watchlists().unevidenced()) {
            Map<String, Object> row = new HashMap<>();
            row.put("deal", deal(deal.dealName(), deal.dealId()));
            row.put("owner", deal.owner());
            row.put("stages", stageName(deal.claimedStage()) + " / " + stageName(deal.evidencedStage()));
            row.put("gap", deal.gap());
            row.put("missing", String.join("; ", deal.missingItems()));
            rows.add(row);
        }
        return shown(rows);
    }

    JRDataSource missingItems() {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (Watchlists.MissingItem item : analysis.watchlists().missingItems()) {
            rows.add(Map.of("stage", stageName(item.stage()), "item", item.label(), "deals", item.deals()));
        }
        return shown(rows);
    }

    JRDataSource deals(List<Watchlists.DealLine> lines) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (Watchlists.DealLine line : lines) {
            Map<String, Object> row = new HashMap<>();
            row.put("deal", deal(line.dealName(), line.dealId()) + (line.account() == null ? "" : "\n"
                    + line.account()));
            row.put("owner", line.owner());
            row.put("stage", stageName(line.stage()));
            row.put("close", line.closeDate());
            row.put("days", line.days());
            row.put("amount", line.amount());
            row.put("weighted", line.weighted());
            rows.add(row);
        }
        return shown(rows);
    }

    JRDataSource slipped() {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (Watchlists.SlippedDeal deal : analysis.watchlists().slipped()) {
            Map<String, Object> row = new HashMap<>();
            row.put("deal", deal(deal.dealName(), deal.dealId()));
            row.put("owner", deal.owner());
            row.put("stage", stageName(deal.stage()));
            row.put("from", deal.fromQuarter());
            row.put("to", deal.toQuarter());
            row.put("weighted", deal.weighted());
            rows.add(row);
        }
        return shown(rows);
    }

    JRDataSource movement() {
        List<Map<String, ?>> rows = new ArrayList<>();
        if (analysis.movement().previousRunDate() != null) {
            for (ForecastAnalysis.MovementBucket bucket : analysis.movement().buckets()) {
                rows.add(Map.of("bucket", bucket.bucket().replace('_', ' '), "deals", bucket.deals(), "change",
                        bucket.weightedChange()));
            }
        }
        return shown(rows);
    }

    /** Per movement, the deals with the largest change (none on a first run). */
    JRDataSource movedDeals() {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (ForecastAnalysis.MovementDeal d : analysis.movement().deals() == null ? List.<ForecastAnalysis.MovementDeal>of()
                : analysis.movement().deals()) {
            String before = d.stageBefore() == null ? "not exported" : stageName(d.stageBefore()) + ", "
                    + money(d.amountBefore()) + (d.closeBefore() == null ? "" : ", " + d.closeBefore());
            String after = d.stageAfter() == null ? "not exported" : stageName(d.stageAfter()) + ", "
                    + money(d.amountAfter()) + (d.closeAfter() == null ? "" : ", " + d.closeAfter());
            figure(rows, d.bucket().replace('_', ' ') + " · " + deal(d.dealName(), d.dealId())
                    + (d.owner() == null ? "" : " · " + d.owner()) + ": was " + before + "; now " + after,
                    (d.change().signum() > 0 ? "+" : "") + money(d.change()));
        }
        return new JRMapCollectionDataSource(rows);
    }

    JRDataSource quotas() {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (ForecastAnalysis.QuotaLine quota : analysis.quotas()) {
            Map<String, Object> row = new HashMap<>();
            row.put("name", quota.ownerOrTeam());
            row.put("period", quota.period());
            row.put("quota", quota.quota());
            row.put("won", quota.closedWon());
            row.put("attainment", quota.attainment());
            row.put("open", quota.openPipeline());
            row.put("coverage", quota.coverage());
            rows.add(row);
        }
        return shown(rows);
    }

    String healthNote() {
        if (report.quality() != null && report.quality().checklistCoverage().none()) {
            return "The exports carry no checklist item, so no deal's checklist is assessed: the checklist-adjusted "
                    + "forecast equals the reported one. The items each stage needs are on the last page; a mapping "
                    + "file (--mapping, section checklist:) brings in the CRM fields that record them.";
        }
        long deals = report.stages().stream().filter(StageTotal::forecast).mapToLong(StageTotal::deals).sum();
        long unevidenced = report.findingCounts().getOrDefault(FindingCode.STAGE_NOT_EVIDENCED.name(), 0L);
        return "Open deals whose claimed stage their checklist does not evidence, largest gap between weighted as "
                + "reported and checklist-adjusted first (top " + analysis.watchlists().limit() + "). Across all "
                + count(deals) + " open deals the checklists leave " + money(report.totals().gap()) + " "
                + report.reportingCurrency() + " of the weighted forecast unsupported; " + count(unevidenced)
                + " required items are missing in all. Every deal and finding is in pipeline.xlsx and findings.csv.";
    }

    String actionNote() {
        ForecastAnalysis.Actions actions = analysis.actions();
        if (report.quality() != null && report.quality().checklistCoverage().none()) {
            return "The exports carry no checklist item, so no deal is held below the stage it claims.";
        }
        if (actions == null || actions.deals() == 0) {
            return "Every open deal's checklist supports the stage it claims: nothing to restore.";
        }
        return count(actions.deals()) + " open deals claim a stage their checklist does not support; ticking their "
                + "missing items would restore " + money(actions.restorable()) + " " + report.reportingCurrency()
                + " of the weighted forecast. The owners with most to restore (top " + analysis.watchlists().limit()
                + "), then the largest actions; the workbook's Actions sheet lists every one.";
    }

    JRDataSource actionOwners() {
        List<Map<String, ?>> rows = new ArrayList<>();
        if (analysis.actions() != null) {
            analysis.actions().owners().stream().limit(analysis.watchlists().limit()).forEach(o -> figure(rows,
                    o.owner() + " (" + count(o.deals()) + (o.deals() == 1 ? " deal)" : " deals)"),
                    money(o.restorable())));
        }
        return new JRMapCollectionDataSource(rows);
    }

    JRDataSource actions() {
        List<Map<String, ?>> rows = new ArrayList<>();
        if (analysis.actions() != null) {
            analysis.actions().top().forEach(a -> figure(rows, a.sentence(), a.owner() == null ? "" : a.owner()));
        }
        return new JRMapCollectionDataSource(rows);
    }

    String trendNote() {
        if (report.team() != null) {
            return "The call night by night is kept for the night's whole pipeline, not per team: see the night's "
                    + "full report.";
        }
        int nights = analysis.trend() == null ? 0 : analysis.trend().size();
        return "Night by night, the call of " + analysis.currentQuarter() + ": closed won so far, commit, and the "
                + "quarter's expected outcome (closed won + the weighted open deals closing in it) as reported and "
                + "checklist-adjusted, against the quota. " + (nights <= 1 ? "Tonight is the first night of this "
                        + "quarter in the history: the trend grows with every run." : count(nights) + " nights.");
    }

    String accuracyTitle() {
        ForecastAnalysis.Accuracy accuracy = analysis.accuracy();
        if (report.team() != null) {
            return "Accuracy: judged on the night's whole pipeline, not per team: see the night's full report";
        }
        if (accuracy == null) {
            return "Accuracy: not yet — the history holds no call of the last completed quarter from before its end";
        }
        return "Accuracy of " + accuracy.quarter() + " (ended " + accuracy.quarterEnd() + "; closed won "
                + money(accuracy.actualClosedWon()) + "): " + accuracy.summary();
    }

    JRDataSource accuracy() {
        List<Map<String, ?>> rows = new ArrayList<>();
        ForecastAnalysis.Accuracy accuracy = analysis.accuracy();
        if (accuracy != null) {
            for (ForecastAnalysis.AccuracyPoint p : accuracy.horizons()) {
                if (p.runDate() == null) {
                    figure(rows, p.daysBefore() + " days: no run that far out", "");
                } else {
                    figure(rows, p.daysBefore() + " days (run of " + p.runDate() + "): " + money(p.asReported())
                            + " (" + money(p.errorAsReported()) + " off) / " + money(p.checklistAdjusted()) + " ("
                            + money(p.errorChecklistAdjusted()) + " off)", p.closer());
                }
            }
        }
        return new JRMapCollectionDataSource(rows);
    }

    /** The current quarter's trend for the chart: closed won, commit, both forecasts, quota per night. */
    Map<String, BigDecimal[]> trendChart() {
        Map<String, BigDecimal[]> byNight = new java.util.LinkedHashMap<>();
        if (analysis.trend() != null) {
            analysis.trend().forEach(t -> byNight.put(t.runDate(), new BigDecimal[] {t.closedWon(), t.commit(),
                t.forecastAsReported(), t.forecastChecklistAdjusted(), t.quota()}));
        }
        return byNight;
    }

    /** The current and the next quarter's calls side by side. */
    JRDataSource calls() {
        List<Map<String, ?>> rows = new ArrayList<>();
        ForecastAnalysis.QuarterCall now = analysis.quarterCall();
        ForecastAnalysis.QuarterCall next = analysis.nextQuarterCall();
        if (now != null && next != null) {
            call(rows, "Closed won", now.closedWon(), next.closedWon());
            call(rows, "Commit", now.commit(), next.commit());
            call(rows, "Best case", now.bestCase(), next.bestCase());
            call(rows, "Pipeline", now.pipeline(), next.pipeline());
            call(rows, "Closed + commit", now.closedPlusCommit(), next.closedPlusCommit());
            call(rows, "Closed + commit + best case", now.closedPlusCommitPlusBestCase(),
                    next.closedPlusCommitPlusBestCase());
            call(rows, "Weighted as reported", now.weightedAsReported(), next.weightedAsReported());
            call(rows, "Weighted, checklist-adjusted", now.weightedChecklistAdjusted(),
                    next.weightedChecklistAdjusted());
            call(rows, "Quota", now.quota(), next.quota());
        }
        return new JRMapCollectionDataSource(rows);
    }

    private static void call(List<Map<String, ?>> rows, String label, BigDecimal now, BigDecimal next) {
        Map<String, Object> row = new HashMap<>();
        row.put("label", label);
        row.put("current", now == null ? "–" : money(now));
        row.put("next", next == null ? "–" : money(next));
        rows.add(row);
    }

    /** Most lines the PDF shows of the roll-up; the workbook and run.json have them all. */
    static final int ROLLUP_LINES = 40;

    /** The current quarter's call per team and owner, the first {@link #ROLLUP_LINES} lines. */
    JRDataSource rollup() {
        List<Map<String, ?>> rows = new ArrayList<>();
        String previous = null;
        for (ForecastAnalysis.RollupLine line : analysis.rollup()) {
            if (rows.size() == ROLLUP_LINES) {
                break;
            }
            Map<String, Object> row = new HashMap<>();
            row.put("team", line.team().equals(previous) ? null : line.team());
            row.put("owner", line.owner());
            row.put("won", money(line.call().closedWon()));
            row.put("commit", money(line.call().commit()));
            row.put("bestCase", money(line.call().bestCase()));
            row.put("closedCommit", money(line.call().closedPlusCommit()));
            row.put("weighted", money(line.call().weightedAsReported()));
            row.put("adjusted", money(line.call().weightedChecklistAdjusted()));
            rows.add(row);
            previous = line.team();
        }
        return new JRMapCollectionDataSource(rows);
    }

    String rollupNote() {
        int lines = analysis.rollup().size();
        return lines <= ROLLUP_LINES ? null : "The first " + ROLLUP_LINES + " of " + count(lines) + " lines; run.json "
                + "(rollup) has every team and owner.";
    }

    /** The stage values of the exports and what each was read as, most rows first (top --top-deals). */
    JRDataSource stageMapping() {
        List<Map<String, ?>> rows = new ArrayList<>();
        DataQuality quality = report.quality();
        if (quality != null) {
            int limit = analysis.watchlists().limit();
            quality.stageMapping().stream().limit(limit).forEach(line -> figure(rows,
                    (line.value().isEmpty() ? "(blank)" : line.value()) + "  read as  " + stageName(line.stage())
                            + " (" + line.source() + ")", count(line.rows())));
            long more = quality.stageMapping().size() - Math.min(limit, quality.stageMapping().size())
                    + quality.stageMappingMore();
            if (more > 0) {
                figure(rows, "… and " + count(more) + " more (run.json stageMapping)", "");
            }
        }
        return new JRMapCollectionDataSource(rows);
    }

    /** The stage values no mapping knows, with the line that maps each (top --top-deals). */
    JRDataSource unknownStages() {
        List<Map<String, ?>> rows = new ArrayList<>();
        DataQuality quality = report.quality();
        if (quality != null) {
            int limit = analysis.watchlists().limit();
            quality.unknownStages().stream().limit(limit).forEach(unknown -> figure(rows, unknown.value() + " ("
                    + count(unknown.rows()) + " rows)" + (unknown.similarName() ? ""
                            : " — no similar stage name: check the stage"), unknown.mappingLine()));
            long more = quality.unknownStages().size() - Math.min(limit, quality.unknownStages().size())
                    + quality.unknownStagesMore();
            if (more > 0) {
                figure(rows, "… and " + count(more) + " more values (run.json unknownStages, rejected.csv)", "");
            }
        }
        if (report.team() != null && report.counts().rejected() > 0) {
            // a rejected row is no deal, so it belongs to no team
            figure(rows, "Rejected rows belong to no team: the night's full report lists their stage values",
                    count(report.counts().rejected()) + " rows");
        }
        return new JRMapCollectionDataSource(rows);
    }

    /** How the numbers were made and how far the exports support them. */
    String qualityNote() {
        StringBuilder note = new StringBuilder();
        DataQuality quality = report.quality();
        if (quality != null && quality.incomplete() != null) {
            note.append(quality.incomplete()).append(": every figure in this report is short of those rows. ");
        }
        note.append("As reported weighs each open deal by the probability of the stage its export claims; "
                + "checklist-adjusted by the stage its checklist evidences. Status columns (won, lost) win over the "
                + "stage. A checklist item the export does not carry is not assessed: it neither lowers a deal's "
                + "stage nor counts as missing.");
        if (quality != null) {
            note.append(" Checklist coverage: ").append(report.coverageNote()).append('.');
            for (DataQuality.NotExported stage : quality.checklistNotExported()) {
                note.append("\n").append(stageName(stage.stage())).append(": not exported ")
                        .append(String.join(", ", stage.items()))
                        .append(stage.files().isEmpty() ? "" : " (in " + String.join(", ", stage.files()) + ")");
            }
            if (!quality.checklistNotExported().isEmpty()) {
                note.append("\nTo assess an item, name the CRM field that records it in a mapping file (--mapping): "
                        + "checklist: then, indented, item_id: Field Header.");
            }
        }
        return note.toString();
    }

    private String stageName(String id) {
        return report.stages().stream().filter(s -> s.stageId().equals(id)).map(StageTotal::stageName).findFirst()
                .orElse(id);
    }

    String riskNote() {
        return "Each list shows the top " + analysis.watchlists().limit() + " open deals (--top-deals); amounts in "
                + report.reportingCurrency() + ".";
    }

    String movementNote() {
        ForecastAnalysis.Movement movement = analysis.movement();
        if (movement.previousRunDate() == null) {
            return "First run — no comparison: this is the first run in this database, so there is no previous run "
                    + "to compare with. The next run shows what moved since tonight.";
        }
        return "Weighted as reported went from " + money(movement.startWeighted()) + " on "
                + movement.previousRunDate() + " to " + money(movement.endWeighted()) + " tonight; each deal counts "
                + "in exactly one movement. Each bar starts where the previous one ended; won deals leave the open "
                + "forecast because they converted (gold), not because they were lost.";
    }

    private static String deal(String name, String id) {
        return name == null ? id : name + " (" + id + ")";
    }

    private static String percent(BigDecimal rate) {
        return rate == null ? "" : String.format(Locale.US, "%.0f%%", rate.multiply(BigDecimal.valueOf(100)));
    }

    static String money(BigDecimal value) {
        return value == null ? "" : String.format(Locale.US, "%,.2f", value);
    }

    static String count(long value) {
        return String.format(Locale.US, "%,d", value);
    }

    /** The longest text from the input a PDF table shows; the workbook and the CSV files hold it whole. */
    static final int SHOWN_TEXT = 200;

    /** Texts {@link #shown(String)} cut on this thread since {@link #cutCount(boolean)} last reset it. */
    private static final ThreadLocal<long[]> CUT = ThreadLocal.withInitial(() -> new long[1]);

    /** How many texts were cut on this thread (a render runs on one), optionally starting the count again. */
    static long cutCount(boolean reset) {
        long count = CUT.get()[0];
        if (reset) {
            CUT.get()[0] = 0;
        }
        return count;
    }

    /** Rows as a table shows them: every text through {@link #shown(String)}. */
    private static JRDataSource shown(List<Map<String, ?>> rows) {
        List<Map<String, ?>> shown = new ArrayList<>(rows.size());
        for (Map<String, ?> row : rows) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>(row);
            copy.replaceAll((key, value) -> value instanceof String text ? shown(text) : value);
            shown.add(copy);
        }
        return new JRMapCollectionDataSource(shown);
    }

    /**
     * A text from the input as the PDF shows it: cut to {@value #SHOWN_TEXT} characters (a 30,000-character name
     * would take pages and seconds to lay out), and with bidirectional control characters shown as their code
     * ({@code <U+202E>}) instead of obeyed, so a name cannot reverse the text around it.
     */
    static String shown(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), SHOWN_TEXT + 12));
        int shownChars = 0;
        int i = 0;
        while (i < text.length() && shownChars < SHOWN_TEXT) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F
                    || c == 0x061C) {
                out.append(String.format("<U+%04X>", c));
            } else {
                out.appendCodePoint(c);
            }
            shownChars++;
        }
        if (i < text.length()) {
            out.append('…');
            CUT.get()[0]++;
        }
        return out.toString();
    }
}
