package com.pipelineforecast.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.pipelineforecast.forecast.ForecastAnalysis;
import com.pipelineforecast.forecast.ForecastTotals;
import com.pipelineforecast.forecast.StageTotal;
import com.pipelineforecast.forecast.Watchlists;

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
        figure(rows, "Weighted, checklist-adjusted (evidenced stages)", money(totals.weightedChecklistAdjusted()));
        figure(rows, "Gap the checklists do not support", money(totals.gap()));
        figure(rows, "Closed won this quarter (" + analysis.currentQuarter() + ")",
                money(analysis.closedWonThisQuarter()));
        figure(rows, "Closed won, all deals in the exports", money(totals.closedWon()));
        for (ForecastAnalysis.CategoryLine category : analysis.categories()) {
            if (category.category().equals("commit") || category.category().equals("best_case")) {
                figure(rows, (category.category().equals("commit") ? "Commit" : "Best case") + " (" +
                        count(category.deals()) + " deals; weighted " + money(category.weighted()) + ")",
                        money(category.amount()));
            }
        }
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
        Map<String, BigDecimal> observed = new HashMap<>();
        analysis.calibration().forEach(c -> {
            if (c.deals() > 0 && c.observedRate() != null) {
                observed.put(c.stage(), c.observedRate());
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
            row.put("stage", line.stage() == null ? "no deals" : line.stage());
            row.put("deals", line.deals());
            row.put("amount", line.amount());
            row.put("weighted", line.weighted());
            row.put("adjusted", line.weightedChecklistAdjusted());
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
            row.put("stages", deal.claimedStage() + " → " + deal.evidencedStage());
            row.put("gap", deal.gap());
            row.put("missing", String.join("; ", deal.missingItems()));
            rows.add(row);
        }
        return shown(rows);
    }

    JRDataSource missingItems() {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (Watchlists.MissingItem item : analysis.watchlists().missingItems()) {
            rows.add(Map.of("stage", item.stage(), "item", item.label(), "deals", item.deals()));
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
            row.put("stage", line.stage());
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
            row.put("stage", deal.stage());
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
        long deals = report.stages().stream().filter(StageTotal::forecast).mapToLong(StageTotal::deals).sum();
        long unevidenced = report.findingCounts().getOrDefault("STAGE_NOT_EVIDENCED", 0L);
        return "Open deals whose claimed stage their checklist does not evidence, largest gap between weighted as "
                + "reported and checklist-adjusted first (top " + analysis.watchlists().limit() + "). Across all "
                + count(deals) + " open deals the checklists leave " + money(report.totals().gap()) + " "
                + report.reportingCurrency() + " of the weighted forecast unsupported; " + count(unevidenced)
                + " required items are missing in all. Every deal and finding is in pipeline.xlsx and findings.csv.";
    }

    String riskNote() {
        return "Each list shows the top " + analysis.watchlists().limit() + " open deals (--top-deals); amounts in "
                + report.reportingCurrency() + ".";
    }

    String movementNote() {
        ForecastAnalysis.Movement movement = analysis.movement();
        if (movement.previousRunDate() == null) {
            return "This is the first run in this database: there is no previous run to compare with.";
        }
        return "Weighted as reported went from " + money(movement.startWeighted()) + " on "
                + movement.previousRunDate() + " to " + money(movement.endWeighted()) + " tonight; each deal counts "
                + "in exactly one movement.";
    }

    private static String deal(String name, String id) {
        return name == null ? id : name + " (" + id + ")";
    }

    static String money(BigDecimal value) {
        return value == null ? "" : String.format(Locale.US, "%,.2f", value);
    }

    static String count(long value) {
        return String.format(Locale.US, "%,d", value);
    }

    /** The longest text from the input a PDF table shows; the workbook and the CSV files hold it whole. */
    static final int SHOWN_TEXT = 200;

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
        }
        return out.toString();
    }
}
