package com.pipelineforecast.report;

import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;

import com.pipelineforecast.domain.FiscalCalendar;
import com.pipelineforecast.forecast.ForecastAnalysis;
import com.pipelineforecast.forecast.QuotaFile;

/**
 * The Quotas sheet: per line of {@code quotas.csv}, closed won, open pipeline and weighted as SUMIFS over the deal
 * rows of its owner or team whose close date falls in its fiscal period, and attainment, whether the quota is met,
 * remaining quota and coverage computed from those cells. Coverage reads as in the PDF: {@code 2.35x}, or "quota
 * met". The rows are the table {@code Quotas}.
 */
final class QuotaSheet {

    static final String QUOTA_MET = "quota met";
    private static final String[] HEADERS = {"Owner or team", "Period", "Quota", "Closed won", "Attainment",
        "Quota met", "Open pipeline", "Weighted as reported", "Remaining quota", "Coverage"};
    private static final int[] WIDTHS = {24, 14, 16, 16, 11, 10, 16, 20, 16, 10};

    private QuotaSheet() {
    }

    static void write(SXSSFSheet sheet, ForecastAnalysis analysis, CellWriter cells, DealSheets deals) {
        cells.header(sheet, 0, HEADERS, WIDTHS);
        FiscalCalendar calendar = new FiscalCalendar(analysis.fiscalYearStart());
        List<ForecastAnalysis.QuotaLine> quotas = analysis.quotas();
        for (int i = 0; i < quotas.size(); i++) {
            ForecastAnalysis.QuotaLine line = quotas.get(i);
            Row row = sheet.createRow(i + 1);
            int r = i + 2;
            cells.text(row, 0, line.ownerOrTeam());
            cells.text(row, 1, line.period());
            cells.money(row, 2, line.quota());
            int[] quarters = QuotaFile.quarters(line.period());
            String[][] name = {deals.nameCriterion(DealSheets.OWNER, line.ownerOrTeam(), "A" + r),
                deals.nameCriterion(DealSheets.TEAM, line.ownerOrTeam(), "A" + r)};
            String[] period = {DealSheets.CLOSE_DATE, DealSheets.onOrAfter(calendar.start(quarters[0])), DealSheets.CLOSE_DATE,
                DealSheets.before(calendar.start(FiscalCalendar.plusQuarters(quarters[1], 1)))};
            cells.formula(row, 3, ownerOrTeam(deals, DealSheets.AMOUNT_REPORTING, name, "\"won\"", period),
                    line.closedWon(), CellWriter.Kind.MONEY);
            cells.formula(row, 4, "IF(C" + r + "=0,0,ROUND(D" + r + "/C" + r + ",4))", line.attainment(),
                    CellWriter.Kind.PERCENT);
            // met when closed won reaches the quota: the amounts themselves, not the rounded attainment
            boolean met = line.closedWon().compareTo(line.quota()) >= 0;
            cells.formula(row, 5, "IF(D" + r + ">=C" + r + ",\"yes\",\"no\")", met ? "yes" : "no",
                    CellWriter.Kind.COUNT);
            cells.formula(row, 6, ownerOrTeam(deals, DealSheets.AMOUNT_REPORTING, name, "\"open\"", period),
                    line.openPipeline(), CellWriter.Kind.MONEY);
            cells.formula(row, 7, ownerOrTeam(deals, DealSheets.WEIGHTED, name, "\"open\"", period),
                    line.weighted(), CellWriter.Kind.MONEY);
            cells.formula(row, 8, "MAX(0,C" + r + "-D" + r + ")", line.remaining(), CellWriter.Kind.MONEY);
            String coverage = "IF(I" + r + "=0,\"" + QUOTA_MET + "\",ROUND(G" + r + "/I" + r + ",4))";
            if (line.coverage() == null) {
                cells.formula(row, 9, coverage, QUOTA_MET, CellWriter.Kind.RATIO);
            } else {
                cells.formula(row, 9, coverage, line.coverage(), CellWriter.Kind.RATIO);
            }
        }
        cells.table(sheet, "Quotas", 0, quotas.size(), HEADERS.length - 1);
    }

    /**
     * Deals of the owner, plus deals of the team, less deals whose owner and team both carry the name. {@code name}
     * holds the column and criterion of the name as owner, then as team ({@link DealSheets#nameCriterion}).
     */
    private static String ownerOrTeam(DealSheets deals, String sumColumn, String[][] name, String status,
            String[] period) {
        return deals.sumifs(sumColumn, criteria(name[0], null, status, period)) + "+"
                + deals.sumifs(sumColumn, criteria(name[1], null, status, period)) + "-"
                + deals.sumifs(sumColumn, criteria(name[0], name[1], status, period));
    }

    private static String[] criteria(String[] name, String[] also, String status, String[] period) {
        List<String> criteria = new java.util.ArrayList<>(List.of(name));
        if (also != null) {
            criteria.addAll(List.of(also));
        }
        criteria.addAll(List.of(DealSheets.STATUS, status));
        criteria.addAll(List.of(period));
        return criteria.toArray(String[]::new);
    }
}
