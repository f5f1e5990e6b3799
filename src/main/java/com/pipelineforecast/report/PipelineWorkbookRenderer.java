package com.pipelineforecast.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

import com.pipelineforecast.domain.FiscalCalendar;
import com.pipelineforecast.forecast.ForecastAnalysis;
import com.pipelineforecast.forecast.MovementAnalyzer;
import com.pipelineforecast.forecast.StageTotal;
import com.pipelineforecast.history.DealFindingRepository.FindingLine;
import com.pipelineforecast.history.DealSnapshotRepository.ActionLine;
import com.pipelineforecast.history.ExportRows;
import com.pipelineforecast.history.RunDeals;
import com.pipelineforecast.history.RunHistory;
import com.pipelineforecast.playbook.ChecklistItem;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.Stage;
import com.pipelineforecast.validation.DataQuality;

/**
 * Writes {@code pipeline.xlsx} with SXSSF (a window of rows in memory, the rest streamed to temporary files that
 * are removed even when writing fails). The Deals sheets hold one row per deal, streamed from the snapshot, with
 * live weight formulas; every figure of Summary, By Stage, By Period and By Owner is a SUMIFS/COUNTIFS formula
 * over them, with the value the run computed cached in the cell. Findings, Rejected and Movement list the rest.
 * Deal, finding, rejected, movement and quota rows are Excel tables; every sheet prints landscape, one page wide,
 * its header rows repeated.
 */
@Component
public class PipelineWorkbookRenderer {

    public static final String FILE_NAME = "pipeline.xlsx";
    private static final int WINDOW = 200;
    /** The deals whose findings the Findings sheet lists: a reader's worth, whatever the size of the run. */
    static final int FINDINGS_SHEET_DEALS = 1_000;
    private static final String OPEN = "\"open\"";
    private static final String WON = "\"won\"";
    private static final String NOT_ASSESSED = "checklists not in the export: not assessed";

    private final RunHistory history;
    private final ReportLimits limits;
    private final MovementAnalyzer movements;

    public PipelineWorkbookRenderer(RunHistory history, ReportLimits limits, MovementAnalyzer movements) {
        this.movements = movements;
        this.history = history;
        this.limits = limits;
    }

    public Path render(ForecastReport report, Path folder) throws IOException {
        return render(report, folder, WorkbookInputs.NONE);
    }

    /** @param inputs the exchange rates and checklist columns of the run, for the deal sheets */
    public Path render(ForecastReport report, Path folder, WorkbookInputs inputs) throws IOException {
        return render(report, folder, inputs, new TextCuts());
    }

    /** @param cuts where the texts cut and the export columns left out (sheet limits) are counted */
    public Path render(ForecastReport report, Path folder, WorkbookInputs inputs, TextCuts cuts) throws IOException {
        Path target = folder.resolve(FILE_NAME);
        SXSSFWorkbook workbook = new PipelineWorkbook(WINDOW);
        try {
            CellWriter cells = new CellWriter(workbook, report.reportingCurrency());
            cells.countCutsIn(cuts);
            ForecastAnalysis analysis = report.analysis();
            Map<String, List<String>> exportHeaders = history.exportHeaders(report.runId());
            DealSheets deals = new DealSheets(report.counts().accepted(), limits.sheetRows(), cells,
                    new FiscalCalendar(analysis.fiscalYearStart()), report.runDate(), report.reportingCurrency(),
                    exportHeaders, inputs, nameKeys(analysis));
            for (String name : List.of("Summary", "By Stage", "By Period", "By Owner", "Quotas", "Actions",
                    "Movement", "Findings", "Rejected")) {
                workbook.createSheet(name);
            }
            deals.create(workbook);
            // one read of the deals: the Deals sheets, and what the Actions and Findings sheets list
            RunDeals.WorkbookPass pass;
            try (ExportRowsByFile exported = new ExportRowsByFile(inputs.exportRows(), exportHeaders.keySet())) {
                pass = history.workbookPass(report.runId(), FINDINGS_SHEET_DEALS,
                        deal -> deals.write(workbook, deal, exported.valuesOf(deal.file(), deal.line())));
            }
            try (pass) {
                deals.headerOnly(workbook);
                deals.finishSheet();
                int stageTotalRow = writeByStage(workbook.getSheet("By Stage"), report, cells, deals);
                writeSummary(workbook.getSheet("Summary"), report, cells, deals, stageTotalRow);
                writeByPeriod(workbook.getSheet("By Period"), analysis, cells, deals, report.runDate());
                writeByOwner(workbook.getSheet("By Owner"), analysis, cells, deals);
                QuotaSheet.write(workbook.getSheet("Quotas"), analysis, cells, deals);
                writeActions(workbook.getSheet("Actions"), report, cells, pass);
                writeMovement(workbook.getSheet("Movement"), analysis.movement(), cells);
                writeMovedDeals(workbook.getSheet("Movement"), report, cells, inputs.previousRunId());
                writeFindings(workbook.getSheet("Findings"), report, cells, pass);
            }
            writeRejected(workbook.getSheet("Rejected"), report.runId(), cells);
            cells.printSetupRest(workbook);
            try (OutputStream out = Files.newOutputStream(target)) {
                workbook.write(out);
            }
        } finally {
            workbook.close();
            workbook.dispose();
        }
        return target;
    }

    private void writeSummary(SXSSFSheet sheet, ForecastReport report, CellWriter cells, DealSheets deals,
            int stageTotalRow) {
        String banner = report.incompleteBanner();
        cells.header(sheet, 0, new String[] {banner == null ? "Pipeline forecast" : banner, "", "How it is computed"},
                new int[] {34, 22, 70});
        ForecastAnalysis analysis = report.analysis();
        int r = 1;
        Row row = sheet.createRow(r++);
        cells.text(row, 0, "Run date");
        cells.date(row, 1, report.runDate());
        row = sheet.createRow(r++);
        cells.text(row, 0, "Playbook");
        cells.text(row, 1, report.playbookName() + " (" + report.playbookId() + ")");
        row = sheet.createRow(r++);
        cells.text(row, 0, "Reporting currency");
        cells.text(row, 1, report.reportingCurrency());
        row = sheet.createRow(r++);
        cells.text(row, 0, "Current quarter");
        cells.text(row, 1, analysis.currentQuarter());
        r++;
        int open = r + 1;
        summaryFormula(sheet, r++, cells, "Open pipeline", deals.sumifs(DealSheets.AMOUNT_REPORTING, DealSheets.STATUS,
                OPEN), report.totals().openAmount(), "open deals (leads excluded), amount in the reporting currency");
        int reported = r + 1;
        summaryFormula(sheet, r++, cells, "Weighted as reported", deals.sumifs(DealSheets.WEIGHTED, DealSheets.STATUS,
                OPEN), report.totals().weightedAsReported(), "amount x probability of the claimed stage");
        int adjusted = r + 1;
        // without any checklist item in the exports the PDF says so instead of the figures: here beside them
        boolean notAssessed = report.quality() != null && report.quality().checklistCoverage().none();
        summaryFormula(sheet, r++, cells, "Weighted checklist-adjusted", deals.sumifs(DealSheets.ADJUSTED,
                DealSheets.STATUS, OPEN), report.totals().weightedChecklistAdjusted(), notAssessed
                        ? NOT_ASSESSED + " (equal to weighted as reported)"
                        : "amount x probability of the stage the checklist evidences");
        summaryFormula(sheet, r++, cells, "Gap the checklists do not support", "B" + reported + "-B" + adjusted,
                report.totals().gap(), notAssessed ? NOT_ASSESSED
                        : "weighted as reported - checklist-adjusted");
        summaryFormula(sheet, r++, cells, "Closed won", deals.sumifs(DealSheets.AMOUNT_REPORTING, DealSheets.STATUS,
                WON), report.totals().closedWon(), "deals at a won stage");
        summaryFormula(sheet, r++, cells, "Closed won this quarter", deals.sumifs(DealSheets.AMOUNT_REPORTING,
                DealSheets.STATUS, WON, DealSheets.PERIOD, "B5"), analysis.closedWonThisQuarter(),
                "won deals whose close date is in the current quarter");
        summaryFormula(sheet, r++, cells, "Commit", deals.sumifs(DealSheets.AMOUNT_REPORTING, DealSheets.CATEGORY,
                "\"commit\""), category(analysis, "commit").amount(), "open deals in the commit category");
        summaryFormula(sheet, r++, cells, "Best case", deals.sumifs(DealSheets.AMOUNT_REPORTING, DealSheets.CATEGORY,
                "\"best_case\""), category(analysis, "best_case").amount(), "open deals in the best case category");
        summaryCount(sheet, r++, cells, "Open deals", deals.countifs(DealSheets.STATUS, OPEN),
                report.totals().openDeals(), "deals weighted into the forecast");
        summaryCount(sheet, r++, cells, "Leads (not weighted)", deals.countifs(DealSheets.STATUS, "\"lead\""),
                report.totals().leads(), "deals at a lead stage");
        if (report.coverageNote() != null) {
            row = sheet.createRow(r++);
            cells.text(row, 0, "Checklist coverage");
            cells.text(row, 1, coverageFigure(report.quality().checklistCoverage()));
            cells.text(row, 2, report.coverageNote());
        }
        r++;
        row = sheet.createRow(r++);
        cells.text(row, 0, "Rows read");
        cells.count(row, 1, report.counts().read());
        cells.text(row, 2, "rows of the exports, title and footer lines not counted");
        summaryCount(sheet, r++, cells, "Deals accepted", "'By Stage'!D" + stageTotalRow, report.counts().accepted(),
                "one row each on the Deals sheet" + (deals.sheetNames().size() > 1 ? "s" : ""));
        row = sheet.createRow(r++);
        cells.text(row, 0, "Rows rejected");
        cells.count(row, 1, report.counts().rejected());
        cells.text(row, 2, "listed on the Rejected sheet and in rejected.csv");
        row = sheet.createRow(r);
        cells.text(row, 0, report.reconciliation());
    }

    /**
     * Checklist coverage in the words of the PDF's key figures: "checklists not in the export: not assessed", or
     * "12 of 40 items; 150 of 318 deals" (items exported of those an export can carry; open deals assessed).
     */
    static String coverageFigure(DataQuality.ChecklistCoverage coverage) {
        if (coverage.none()) {
            return NOT_ASSESSED;
        }
        return coverage.itemsExported() + " of " + coverage.itemsInPlaybook() + " items; "
                + String.format(Locale.US, "%,d of %,d deals", coverage.dealsAssessed(),
                        coverage.dealsAssessed() + coverage.dealsNotAssessed());
    }

    private static void summaryFormula(SXSSFSheet sheet, int r, CellWriter cells, String label, String formula,
            BigDecimal value, String note) {
        Row row = sheet.createRow(r);
        cells.text(row, 0, label);
        cells.formula(row, 1, formula, value, CellWriter.Kind.MONEY);
        cells.text(row, 2, note);
    }

    private static void summaryCount(SXSSFSheet sheet, int r, CellWriter cells, String label, String formula,
            long value, String note) {
        Row row = sheet.createRow(r);
        cells.text(row, 0, label);
        cells.formula(row, 1, formula, BigDecimal.valueOf(value), CellWriter.Kind.COUNT);
        cells.text(row, 2, note);
    }

    private static ForecastAnalysis.CategoryLine category(ForecastAnalysis analysis, String id) {
        return analysis.categories().stream().filter(c -> c.category().equals(id)).findFirst()
                .orElse(new ForecastAnalysis.CategoryLine(id, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
    }

    /** @return the 1-based row of the total line */
    private static int writeByStage(SXSSFSheet sheet, ForecastReport report, CellWriter cells, DealSheets deals) {
        cells.header(sheet, 0, new String[] {"Stage", "Stage name", "Category", "Deals", "Amount", "Probability",
            "Weighted as reported", "Weighted checklist-adjusted"}, new int[] {14, 22, 11, 9, 18, 11, 20, 24});
        List<StageTotal> stages = report.stages();
        for (int i = 0; i < stages.size(); i++) {
            StageTotal stage = stages.get(i);
            Row row = sheet.createRow(i + 1);
            int r = i + 2;
            String key = DealSheets.criterion(stage.stageId(), "A" + r);
            cells.text(row, 0, stage.stageId());
            cells.text(row, 1, stage.stageName());
            cells.text(row, 2, stage.category());
            cells.formula(row, 3, deals.countifs(DealSheets.CLAIMED, key), BigDecimal.valueOf(stage.deals()),
                    CellWriter.Kind.COUNT);
            cells.formula(row, 4, deals.sumifs(DealSheets.AMOUNT_REPORTING, DealSheets.CLAIMED, key), stage.amount(),
                    CellWriter.Kind.MONEY);
            cells.percent(row, 5, stage.probability());
            cells.formula(row, 6, deals.sumifs(DealSheets.WEIGHTED, DealSheets.CLAIMED, key),
                    stage.weightedReported(), CellWriter.Kind.MONEY);
            cells.formula(row, 7, deals.sumifs(DealSheets.ADJUSTED, DealSheets.CLAIMED, key),
                    stage.weightedAdjusted(), CellWriter.Kind.MONEY);
        }
        int last = stages.size() + 1;
        Row total = sheet.createRow(last);
        cells.boldText(total, 0, "Total");
        countTotal(total, cells, last, 3, sum(stages, s -> BigDecimal.valueOf(s.deals())));
        moneyTotal(total, cells, last, 4, sum(stages, StageTotal::amount));
        moneyTotal(total, cells, last, 6, sum(stages, StageTotal::weightedReported));
        moneyTotal(total, cells, last, 7, sum(stages, StageTotal::weightedAdjusted));
        cells.autoFilter(sheet, 0, stages.size(), 8);
        return last + 1;
    }

    private static void writeByPeriod(SXSSFSheet sheet, ForecastAnalysis analysis, CellWriter cells,
            DealSheets deals, java.time.LocalDate runDate) {
        cells.header(sheet, 0, new String[] {"Period", "Stage", "Deals", "Amount", "Weighted as reported",
            "Weighted checklist-adjusted", "Of which past due"}, new int[] {14, 16, 9, 18, 20, 24, 18});
        List<ForecastAnalysis.PeriodLine> periods = analysis.periods();
        for (int i = 0; i < periods.size(); i++) {
            ForecastAnalysis.PeriodLine line = periods.get(i);
            Row row = sheet.createRow(i + 1);
            int r = i + 2;
            cells.text(row, 0, line.period());
            cells.text(row, 1, line.stage());
            String[] criteria = line.stage() == null
                    ? new String[] {DealSheets.PERIOD, DealSheets.criterion(line.period(), "A" + r), DealSheets.STATUS,
                        OPEN}
                    : new String[] {DealSheets.PERIOD, DealSheets.criterion(line.period(), "A" + r), DealSheets.CLAIMED,
                        DealSheets.criterion(line.stage(), "B" + r), DealSheets.STATUS, OPEN};
            sums(row, 2, deals, criteria, line.deals(), line.amount(), line.weighted(),
                    line.weightedChecklistAdjusted(), cells);
            String[] pastDue = java.util.Arrays.copyOf(criteria, criteria.length + 2);
            pastDue[criteria.length] = DealSheets.CLOSE_DATE;
            pastDue[criteria.length + 1] = DealSheets.before(runDate);
            cells.formula(row, 6, deals.sumifs(DealSheets.AMOUNT_REPORTING, pastDue), line.pastDueAmount(),
                    CellWriter.Kind.MONEY);
        }
        int last = periods.size() + 1;
        Row total = sheet.createRow(last);
        cells.boldText(total, 0, "Total");
        sumTotals(total, 2, last, cells, sum(periods, l -> BigDecimal.valueOf(l.deals())),
                sum(periods, ForecastAnalysis.PeriodLine::amount), sum(periods, ForecastAnalysis.PeriodLine::weighted),
                sum(periods, ForecastAnalysis.PeriodLine::weightedChecklistAdjusted));
        moneyTotal(total, cells, last, 6, sum(periods, ForecastAnalysis.PeriodLine::pastDueAmount));
        cells.autoFilter(sheet, 0, periods.size(), 7);
        int next = writeByMonth(sheet, last + 2, analysis, cells, deals);
        writeByFiscalYear(sheet, next + 1, analysis, cells, deals);
    }

    /** Open deals by close month: a date range on the Deals sheets' close dates, so that nothing reads as text. */
    private static int writeByMonth(SXSSFSheet sheet, int first, ForecastAnalysis analysis, CellWriter cells,
            DealSheets deals) {
        cells.tableHeader(sheet, first, new String[] {"Close month", "Fiscal quarter", "Deals", "Amount",
            "Weighted as reported", "Weighted checklist-adjusted"});
        List<ForecastAnalysis.MonthLine> months = analysis.months();
        for (int i = 0; i < months.size(); i++) {
            ForecastAnalysis.MonthLine line = months.get(i);
            Row row = sheet.createRow(first + 1 + i);
            YearMonth month = YearMonth.parse(line.month());
            YearMonth after = month.plusMonths(1);
            cells.text(row, 0, line.month());
            cells.text(row, 1, line.fiscalQuarter());
            String[] criteria = {DealSheets.CLOSE_DATE, DealSheets.onOrAfter(month.atDay(1)), DealSheets.CLOSE_DATE,
                DealSheets.before(after.atDay(1)), DealSheets.STATUS, OPEN};
            sums(row, 2, deals, criteria, line.deals(), line.amount(), line.weighted(),
                    line.weightedChecklistAdjusted(), cells);
        }
        return first + 1 + months.size();
    }

    private static void writeByFiscalYear(SXSSFSheet sheet, int first, ForecastAnalysis analysis, CellWriter cells,
            DealSheets deals) {
        cells.tableHeader(sheet, first, new String[] {"Fiscal year", "", "Deals", "Amount", "Weighted as reported",
            "Weighted checklist-adjusted"});
        List<ForecastAnalysis.FiscalYearLine> years = analysis.fiscalYears();
        for (int i = 0; i < years.size(); i++) {
            ForecastAnalysis.FiscalYearLine line = years.get(i);
            Row row = sheet.createRow(first + 1 + i);
            cells.text(row, 0, line.fiscalYear());
            String[] criteria = {DealSheets.FISCAL_YEAR, DealSheets.criterion(line.fiscalYear(), "A" + (first + 2 + i)),
                DealSheets.STATUS, OPEN};
            sums(row, 2, deals, criteria, line.deals(), line.amount(), line.weighted(),
                    line.weightedChecklistAdjusted(), cells);
        }
    }

    /** Deals, amount, weighted and adjusted of open deals matching the criteria, from {@code column} on. */
    private static void sums(Row row, int column, DealSheets deals, String[] criteria, long count, BigDecimal amount,
            BigDecimal weighted, BigDecimal adjusted, CellWriter cells) {
        cells.formula(row, column, deals.countifs(criteria), BigDecimal.valueOf(count), CellWriter.Kind.COUNT);
        cells.formula(row, column + 1, deals.sumifs(DealSheets.AMOUNT_REPORTING, criteria), amount,
                CellWriter.Kind.MONEY);
        cells.formula(row, column + 2, deals.sumifs(DealSheets.WEIGHTED, criteria), weighted, CellWriter.Kind.MONEY);
        cells.formula(row, column + 3, deals.sumifs(DealSheets.ADJUSTED, criteria), adjusted, CellWriter.Kind.MONEY);
    }

    /**
     * Whether an owner or team name of the By Owner or Quotas sheet is too long to be a SUMIFS criterion: then the
     * deal sheets carry the name keys their formulas select by.
     */
    static boolean nameKeys(ForecastAnalysis analysis) {
        return analysis.owners().stream().anyMatch(line -> DealSheets.tooLongForCriterion(line.owner())
                || DealSheets.tooLongForCriterion(line.team()))
                || analysis.quotas().stream().anyMatch(line -> DealSheets.tooLongForCriterion(line.ownerOrTeam()));
    }

    private static void writeByOwner(SXSSFSheet sheet, ForecastAnalysis analysis, CellWriter cells,
            DealSheets deals) {
        cells.header(sheet, 0, new String[] {"Team", "Owner", "Open deals", "Open amount", "Weighted as reported",
            "Weighted checklist-adjusted", "Won deals", "Closed won"}, new int[] {16, 24, 10, 18, 20, 24, 10, 18});
        List<ForecastAnalysis.OwnerLine> owners = analysis.owners();
        for (int i = 0; i < owners.size(); i++) {
            ForecastAnalysis.OwnerLine line = owners.get(i);
            Row row = sheet.createRow(i + 1);
            int r = i + 2;
            cells.text(row, 0, line.team());
            cells.text(row, 1, line.owner());
            // the analysis names deals without a team or owner "(no team)", "(no owner)": blank on the Deals sheet
            String[] team = line.team().equals("(no team)") ? new String[] {DealSheets.TEAM, "\"\""}
                    : deals.nameCriterion(DealSheets.TEAM, line.team(), "A" + r);
            String[] owner = line.owner().equals("(no owner)") ? new String[] {DealSheets.OWNER, "\"\""}
                    : deals.nameCriterion(DealSheets.OWNER, line.owner(), "B" + r);
            String[] open = {team[0], team[1], owner[0], owner[1], DealSheets.STATUS, OPEN};
            String[] won = {team[0], team[1], owner[0], owner[1], DealSheets.STATUS, WON};
            sums(row, 2, deals, open, line.openDeals(), line.openAmount(), line.weighted(),
                    line.weightedChecklistAdjusted(), cells);
            cells.formula(row, 6, deals.countifs(won), BigDecimal.valueOf(line.wonDeals()), CellWriter.Kind.COUNT);
            cells.formula(row, 7, deals.sumifs(DealSheets.AMOUNT_REPORTING, won), line.closedWon(),
                    CellWriter.Kind.MONEY);
        }
        int last = owners.size() + 1;
        Row total = sheet.createRow(last);
        cells.boldText(total, 0, "Total");
        sumTotals(total, 2, last, cells, sum(owners, l -> BigDecimal.valueOf(l.openDeals())),
                sum(owners, ForecastAnalysis.OwnerLine::openAmount), sum(owners, ForecastAnalysis.OwnerLine::weighted),
                sum(owners, ForecastAnalysis.OwnerLine::weightedChecklistAdjusted));
        countTotal(total, cells, last, 6, sum(owners, l -> BigDecimal.valueOf(l.wonDeals())));
        moneyTotal(total, cells, last, 7, sum(owners, ForecastAnalysis.OwnerLine::closedWon));
        cells.autoFilter(sheet, 0, owners.size(), 8);
    }

    private static void writeMovement(SXSSFSheet sheet, ForecastAnalysis.Movement movement, CellWriter cells) {
        cells.header(sheet, 0, new String[] {"Movement", "Deals", "Weighted change"}, new int[] {30, 10, 20});
        Row row = sheet.createRow(1);
        cells.text(row, 0, movement.previousRunDate() == null ? "Start (no previous run)"
                : "Start: weighted as reported on " + movement.previousRunDate());
        cells.money(row, 2, movement.startWeighted());
        List<ForecastAnalysis.MovementBucket> buckets = movement.buckets();
        for (int i = 0; i < buckets.size(); i++) {
            ForecastAnalysis.MovementBucket bucket = buckets.get(i);
            row = sheet.createRow(i + 2);
            cells.text(row, 0, bucket.bucket());
            cells.count(row, 1, bucket.deals());
            cells.money(row, 2, bucket.weightedChange());
        }
        int last = buckets.size() + 2;
        row = sheet.createRow(last);
        cells.boldText(row, 0, "End: weighted as reported tonight");
        cells.formula(row, 2, "C2+SUM(C3:C" + last + ")", movement.endWeighted(), CellWriter.Kind.BOLD_MONEY);
        cells.table(sheet, "Movement", 0, last - 1, 2);
    }

    /**
     * Below the buckets, every deal that moved (all buckets but unchanged), in deal-id order: stage, amount, close
     * date and weight before and after, and the change as a formula over the two weights.
     */
    private void writeMovedDeals(SXSSFSheet sheet, ForecastReport report, CellWriter cells, Long previous) {
        int first = sheet.getLastRowNum() + 2;
        if (report.analysis().movement().previousRunDate() == null) {
            cells.text(sheet.createRow(first), 0, "First run — no comparison: the next run lists every deal that "
                    + "moved since this one.");
            return;
        }
        cells.tableHeader(sheet, first, new String[] {"Movement", "Deal ID", "Stage before", "Stage after",
            "Amount before", "Amount after", "Close date before", "Close date after", "Weighted before",
            "Weighted after", "Weighted change"});
        int[] next = {first + 1};
        long[] left = {0};
        int limit = limits.sheetRows();
        movements.forEachMovedDeal(report.runId(), previous, move -> {
            if (next[0] > limit) {
                left[0]++;
                return;
            }
            Row row = sheet.createRow(next[0]++);
            int r = row.getRowNum() + 1;
            cells.text(row, 0, move.bucket().replace('_', ' '));
            cells.text(row, 1, move.dealId());
            cells.text(row, 2, move.stageBefore());
            cells.text(row, 3, move.stageAfter());
            if (move.amountBefore() != null) {
                cells.money(row, 4, move.amountBefore());
            }
            if (move.amountAfter() != null) {
                cells.money(row, 5, move.amountAfter());
            }
            if (move.closeBefore() != null) {
                cells.date(row, 6, move.closeBefore());
            }
            if (move.closeAfter() != null) {
                cells.date(row, 7, move.closeAfter());
            }
            cells.money(row, 8, DealSheets.orZero(move.weightedBefore()));
            cells.money(row, 9, DealSheets.orZero(move.weightedAfter()));
            cells.formula(row, 10, "J" + r + "-I" + r, move.change(), CellWriter.Kind.MONEY);
        });
        if (next[0] > first + 1) {
            cells.table(sheet, "Moved deals", first, next[0] - 1, 10);
        }
        if (left[0] > 0) {
            cells.text(sheet.createRow(next[0]), 0, String.format("%,d more moved deals: see run.json movement "
                    + "counts", left[0]));
        }
    }

    /**
     * The findings a person reads: the run's own, then those of the {@value #FINDINGS_SHEET_DEALS} deals with the
     * largest checklist gap, largest first. Every finding is in findings.csv; the sheet says how many it leaves out.
     */
    private void writeFindings(SXSSFSheet sheet, ForecastReport report, CellWriter cells, RunDeals.WorkbookPass pass) {
        cells.header(sheet, 0, new String[] {"File", "Line", "Deal ID", "Code", "Severity", "Stage", "Item",
            "Message", "Checklist gap"}, new int[] {18, 7, 14, 24, 9, 14, 24, 80, 16});
        CappedRows rows = new CappedRows(sheet, limits.sheetRows(), cells, "findings", "findings.csv",
                "Findings");
        long total = report.findingCounts().values().stream().mapToLong(Long::longValue).sum();
        Consumer<FindingLine> write = finding -> {
            Row row = rows.next();
            if (row != null) {
                cells.text(row, 0, finding.file());
                if (finding.line() != null) {
                    cells.count(row, 1, finding.line());
                }
                String[] texts = {finding.dealId(), finding.code(), finding.severity(), finding.stage(),
                    finding.item(), finding.message()};
                for (int c = 0; c < texts.length; c++) {
                    cells.text(row, c + 2, texts[c]);
                }
                if (finding.gap() != null) {
                    cells.money(row, 8, finding.gap());
                }
            }
        };
        history.forEachRunFinding(report.runId(), write);
        pass.forEachFindingOfLargestGaps(write);
        rows.finish(9, total);
    }

    /**
     * Every open deal whose checklist evidences less than it claims, by owner and amount to restore: the items to
     * tick, and the weighted amount they restore as a formula over the two weighted values.
     */
    private void writeActions(SXSSFSheet sheet, ForecastReport report, CellWriter cells, RunDeals.WorkbookPass pass) {
        cells.header(sheet, 0, new String[] {"Owner", "Team", "Deal ID", "Deal name", "Claimed stage",
            "Evidenced stage", "Items to tick", "Weighted as reported", "Weighted checklist-adjusted",
            "Weighted amount restored"}, new int[] {20, 14, 14, 30, 14, 14, 60, 18, 20, 18});
        CappedRows rows = new CappedRows(sheet, limits.sheetRows(), cells, "actions", "findings.csv",
                "Actions");
        Labels labels = new Labels(report.playbook());
        StringBuilder items = new StringBuilder();
        ActionLine[] deal = new ActionLine[1];
        Runnable flush = () -> {
            if (deal[0] == null) {
                return;
            }
            ActionLine first = deal[0];
            String itemsToTick = items.toString();
            rows.write((row, r) -> {
                row.text(0, first.owner());
                row.text(1, first.team());
                row.text(2, first.dealId());
                row.text(3, first.dealName());
                row.text(4, labels.stage(first.claimedStage()));
                row.text(5, labels.stage(first.evidencedStage()));
                row.text(6, itemsToTick);
                row.money(7, first.weightedReported(), null);
                row.money(8, first.weightedAdjusted(), null);
                row.formula(9, "H" + r + "-I" + r, first.weightedReported().subtract(first.weightedAdjusted()),
                        CellWriter.Kind.MONEY);
            });
            items.setLength(0);
            deal[0] = null;
        };
        pass.forEachAction(action -> {
            if (deal[0] == null || deal[0].line() != action.line() || !Objects.equals(deal[0].file(), action.file())) {
                flush.run();
                deal[0] = action;
            }
            items.append(items.length() == 0 ? "" : "; ").append(labels.item(action.stage(), action.item()));
        });
        flush.run();
        rows.finish(10, -1);
    }

    /** The names of a playbook's stages and the labels of their items, by id (an unknown id stands for itself). */
    private static final class Labels {
        private final Map<String, String> stages = new HashMap<>();
        private final Map<String, Map<String, String>> items = new HashMap<>();

        Labels(Playbook playbook) {
            for (Stage stage : playbook.stages()) {
                stages.putIfAbsent(stage.id(), stage.name());
                Map<String, String> labels = items.computeIfAbsent(stage.id(), id -> new HashMap<>());
                for (ChecklistItem item : stage.checklist()) {
                    labels.putIfAbsent(item.id(), item.label());
                }
            }
        }

        String stage(String id) {
            return stages.getOrDefault(id, id);
        }

        String item(String stage, String item) {
            return items.getOrDefault(stage, Map.of()).getOrDefault(item, item);
        }
    }

    private void writeRejected(SXSSFSheet sheet, long runId, CellWriter cells) {
        cells.header(sheet, 0, new String[] {"File", "Line", "Column", "Value", "Reason"},
                new int[] {18, 7, 18, 24, 90});
        CappedRows rows = new CappedRows(sheet, limits.sheetRows(), cells, "rejected rows",
                "rejected.csv", "Rejected");
        history.forEachRejected(runId, rejected -> {
            Row row = rows.next();
            if (row != null) {
                cells.text(row, 0, rejected.file());
                cells.count(row, 1, rejected.line());
                cells.text(row, 2, rejected.column());
                cells.text(row, 3, rejected.value());
                cells.text(row, 4, rejected.reason());
            }
        });
        rows.finish(5, -1);
    }

    /** A list sheet up to the row limit; what does not fit is counted in a last line naming the CSV that has all. */
    private static final class CappedRows {
        private final SXSSFSheet sheet;
        private final int limit;
        private final CellWriter cells;
        private final String what;
        private final String file;
        private final String table;
        /** The sheet's cells written straight as XML ({@link #write}), or null. */
        private final CellWriter.XmlCells xmlCells;
        private int written;
        private long left;

        CappedRows(SXSSFSheet sheet, int limit, CellWriter cells, String what, String file, String table) {
            this.sheet = sheet;
            this.xmlCells = cells.xmlCells(sheet);
            this.limit = limit - 1;
            this.cells = cells;
            this.what = what;
            this.file = file;
            this.table = table;
        }

        Row next() {
            return full() ? null : sheet.createRow(++written);
        }

        /**
         * Writes the next row straight as XML where the sheet takes such rows ({@link CellWriter#row}), or counts it
         * when the sheet is full; {@code row} gets the cells and the row's number as formulas name it.
         */
        void write(java.util.function.ObjIntConsumer<CellWriter.RowCells> row) {
            if (full()) {
                return;
            }
            int r = ++written;
            cells.row(sheet, r, xmlCells, rowCells -> row.accept(rowCells, r + 1));
        }

        /** Whether the sheet holds no more rows: the row is then counted as left out. */
        private boolean full() {
            if (written >= limit) {
                left++;
                return true;
            }
            return false;
        }

        /** @param total how many rows there are in all, when known without reading them; else -1 */
        void finish(int columns, long total) {
            if (total >= 0) {
                left = total - written;
            }
            cells.table(sheet, table, 0, written, columns - 1);
            if (left > 0) {
                // below the table (an empty table keeps one empty row)
                cells.text(sheet.createRow(Math.max(written, 1) + 1), 0, String.format("%,d more %s: see %s", left,
                        what, file));
            }
        }
    }

    /** Column totals of what {@link #sums} wrote: deals, amount, weighted, adjusted from {@code column} on. */
    private static void sumTotals(Row total, int column, int lastDataRow, CellWriter cells, BigDecimal deals,
            BigDecimal amount, BigDecimal weighted, BigDecimal adjusted) {
        countTotal(total, cells, lastDataRow, column, deals);
        moneyTotal(total, cells, lastDataRow, column + 1, amount);
        moneyTotal(total, cells, lastDataRow, column + 2, weighted);
        moneyTotal(total, cells, lastDataRow, column + 3, adjusted);
    }

    private static void countTotal(Row total, CellWriter cells, int lastDataRow, int column, BigDecimal value) {
        cells.formula(total, column, columnSum(column, lastDataRow), value, CellWriter.Kind.BOLD_COUNT);
    }

    private static void moneyTotal(Row total, CellWriter cells, int lastDataRow, int column, BigDecimal value) {
        cells.formula(total, column, columnSum(column, lastDataRow), value, CellWriter.Kind.BOLD_MONEY);
    }

    private static String columnSum(int column, int lastDataRow) {
        String letter = String.valueOf((char) ('A' + column));
        return "SUM(" + letter + "2:" + letter + lastDataRow + ")";
    }

    private static <T> BigDecimal sum(List<T> lines, Function<T, BigDecimal> value) {
        return lines.stream().map(value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The export rows files of a run, each opened when its first deal is written and read forward. */
    private static final class ExportRowsByFile implements AutoCloseable {
        private final java.util.function.Function<String, Path> files;
        private final Map<String, ExportRows.Reader> readers = new HashMap<>();

        private final java.util.Set<String> withExportColumns;

        ExportRowsByFile(java.util.function.Function<String, Path> files, java.util.Set<String> withExportColumns) {
            this.files = files;
            this.withExportColumns = withExportColumns;
        }

        String valuesOf(String file, int line) {
            ExportRows.Reader reader = readers.computeIfAbsent(file, f -> {
                Path path = files.apply(f);
                if (path != null && withExportColumns.contains(f) && !Files.exists(path)) {
                    // never a Deals sheet with its export columns silently blank
                    throw new IllegalStateException("the export columns of " + f + " are missing from the run's work "
                            + "folder (" + path.getParent() + "): compute the date again with --rerun");
                }
                return path == null ? null : ExportRows.Reader.open(path);
            });
            return reader == null ? null : reader.valuesOf(line);
        }

        @Override
        public void close() throws IOException {
            for (ExportRows.Reader reader : readers.values()) {
                if (reader != null) {
                    reader.close();
                }
            }
        }
    }
}
