package com.pipelineforecast.report;

import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;

import com.pipelineforecast.forecast.FiscalCalendar;
import com.pipelineforecast.forecast.ForecastAnalysis;
import com.pipelineforecast.forecast.QuotaFile;

/**
 * The Quotas sheet: per line of {@code quotas.csv}, closed won, open pipeline and weighted as SUMIFS over the deal
 * rows of its owner or team whose close date falls in its fiscal period, and attainment, remaining quota and
 * coverage computed from those cells.
 */
final class QuotaSheet {

    private static final String[] HEADERS = {"Owner or team", "Period", "Quota", "Closed won", "Attainment",
        "Open pipeline", "Weighted as reported", "Remaining quota", "Coverage"};
    private static final int[] WIDTHS = {24, 14, 16, 16, 11, 16, 20, 16, 10};

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
            String name = DealSheets.criterion(line.ownerOrTeam(), "A" + r);
            String[] period = {DealSheets.CLOSE_DATE, DealSheets.onOrAfter(calendar.start(quarters[0])), DealSheets.CLOSE_DATE,
                DealSheets.before(calendar.start(FiscalCalendar.plusQuarters(quarters[1], 1)))};
            cells.formula(row, 3, ownerOrTeam(deals, DealSheets.AMOUNT_REPORTING, name, "\"won\"", period),
                    line.closedWon(), CellWriter.Kind.MONEY);
            cells.formula(row, 4, "IF(C" + r + "=0,0,ROUND(D" + r + "/C" + r + ",4))", line.attainment(),
                    CellWriter.Kind.PERCENT);
            cells.formula(row, 5, ownerOrTeam(deals, DealSheets.AMOUNT_REPORTING, name, "\"open\"", period),
                    line.openPipeline(), CellWriter.Kind.MONEY);
            cells.formula(row, 6, ownerOrTeam(deals, DealSheets.WEIGHTED, name, "\"open\"", period),
                    line.weighted(), CellWriter.Kind.MONEY);
            cells.formula(row, 7, "MAX(0,C" + r + "-D" + r + ")", line.remaining(), CellWriter.Kind.MONEY);
            if (line.coverage() == null) {
                cells.text(row, 8, "quota met");
            } else {
                cells.formula(row, 8, "ROUND(F" + r + "/H" + r + ",4)", line.coverage(), CellWriter.Kind.PERCENT);
            }
        }
        cells.autoFilter(sheet, 0, quotas.size(), HEADERS.length);
    }

    /** Deals of the owner, plus deals of the team, less deals whose owner and team both carry the name. */
    private static String ownerOrTeam(DealSheets deals, String sumColumn, String name, String status,
            String[] period) {
        return deals.sumifs(sumColumn, criteria(DealSheets.OWNER, name, null, status, period)) + "+"
                + deals.sumifs(sumColumn, criteria(DealSheets.TEAM, name, null, status, period)) + "-"
                + deals.sumifs(sumColumn, criteria(DealSheets.OWNER, name, DealSheets.TEAM, status, period));
    }

    private static String[] criteria(String column, String name, String alsoColumn, String status, String[] period) {
        List<String> criteria = new java.util.ArrayList<>(List.of(column, name));
        if (alsoColumn != null) {
            criteria.addAll(List.of(alsoColumn, name));
        }
        criteria.addAll(List.of(DealSheets.STATUS, status));
        criteria.addAll(List.of(period));
        return criteria.toArray(String[]::new);
    }
}
