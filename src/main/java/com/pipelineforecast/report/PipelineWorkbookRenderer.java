package com.pipelineforecast.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

import com.pipelineforecast.forecast.StageTotal;
import com.pipelineforecast.history.RunHistory;

/**
 * Writes {@code pipeline.xlsx} with SXSSF (a window of rows in memory, the rest streamed to disk): a Deals sheet
 * with one row per deal, streamed from the snapshot, a By Stage sheet whose figures are COUNTIFS/SUMIFS formulas
 * over the Deals sheet (each with its computed value cached), and a Summary sheet.
 */
@Component
public class PipelineWorkbookRenderer {

    public static final String FILE_NAME = "pipeline.xlsx";
    static final String[] DEAL_HEADERS = {"File", "Line", "Deal ID", "Deal name", "Account", "Owner", "Team",
        "Claimed stage", "Evidenced stage", "Category", "Currency", "Amount", "Amount (reporting)", "Close date",
        "Probability", "Weighted as reported", "Evidenced probability", "Weighted checklist-adjusted", "Findings"};

    private final RunHistory history;

    public PipelineWorkbookRenderer(RunHistory history) {
        this.history = history;
    }

    public Path render(ForecastReport report, Path folder) throws IOException {
        Path target = folder.resolve(FILE_NAME);
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            Styles styles = new Styles(workbook, report.reportingCurrency());
            writeSummary(workbook.createSheet("Summary"), report, styles);
            writeByStage(workbook.createSheet("By Stage"), report, styles);
            writeDeals(workbook.createSheet("Deals"), report.runId(), styles);
            try (OutputStream out = Files.newOutputStream(target)) {
                workbook.write(out);
            }
        } finally {
            workbook.close();
            workbook.dispose();
        }
        return target;
    }

    private void writeDeals(SXSSFSheet sheet, long runId, Styles styles) {
        header(sheet, DEAL_HEADERS, styles);
        int[] rowIndex = {1};
        history.forEachDeal(runId, rs -> {
            try {
                writeDeal(sheet.createRow(rowIndex[0]++), rs, styles);
            } catch (SQLException e) {
                throw new UncheckedIOException(new IOException(e));
            }
        });
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(rowIndex[0] - 1, 0), 0, DEAL_HEADERS.length - 1));
        int[] widths = {18, 7, 16, 32, 26, 20, 16, 14, 14, 11, 9, 14, 16, 11, 11, 16, 11, 16, 9};
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
    }

    private static void writeDeal(Row row, ResultSet rs, Styles styles) throws SQLException {
        int excelRow = row.getRowNum() + 1;
        text(row, 0, rs.getString("file_name"));
        number(row, 1, rs.getInt("line_no"), null);
        text(row, 2, rs.getString("deal_id"));
        text(row, 3, rs.getString("deal_name"));
        text(row, 4, rs.getString("account"));
        text(row, 5, rs.getString("owner_name"));
        text(row, 6, rs.getString("team"));
        text(row, 7, rs.getString("claimed_stage"));
        text(row, 8, rs.getString("evidenced_stage"));
        text(row, 9, rs.getString("category"));
        text(row, 10, rs.getString("currency"));
        BigDecimal amount = rs.getBigDecimal("amount");
        if (amount != null) {
            number(row, 11, amount.doubleValue(), styles.money);
        }
        number(row, 12, rs.getBigDecimal("amount_reporting").doubleValue(), styles.money);
        Date close = rs.getDate("close_date");
        if (close != null) {
            Cell cell = row.createCell(13);
            cell.setCellValue(close.toLocalDate());
            cell.setCellStyle(styles.date);
        }
        number(row, 14, rs.getBigDecimal("probability").doubleValue(), styles.percent);
        formula(row, 15, "ROUND(M" + excelRow + "*O" + excelRow + ",2)", rs.getBigDecimal("weighted_reported"),
                styles.money);
        number(row, 16, rs.getBigDecimal("evidenced_probability").doubleValue(), styles.percent);
        formula(row, 17, "ROUND(M" + excelRow + "*Q" + excelRow + ",2)", rs.getBigDecimal("weighted_adjusted"),
                styles.money);
        number(row, 18, rs.getInt("finding_count"), null);
    }

    private void writeByStage(SXSSFSheet sheet, ForecastReport report, Styles styles) {
        header(sheet, new String[] {"Stage", "Stage name", "Category", "Deals", "Amount", "Probability",
            "Weighted as reported", "Weighted checklist-adjusted"}, styles);
        List<StageTotal> stages = report.stages();
        for (int i = 0; i < stages.size(); i++) {
            StageTotal stage = stages.get(i);
            Row row = sheet.createRow(i + 1);
            int r = i + 2;
            text(row, 0, stage.stageId());
            text(row, 1, stage.stageName());
            text(row, 2, stage.category());
            formula(row, 3, "COUNTIFS(Deals!H:H,A" + r + ")", BigDecimal.valueOf(stage.deals()), null);
            formula(row, 4, "SUMIFS(Deals!M:M,Deals!H:H,A" + r + ")", stage.amount(), styles.money);
            number(row, 5, stage.probability().doubleValue(), styles.percent);
            formula(row, 6, "SUMIFS(Deals!P:P,Deals!H:H,A" + r + ")", stage.weightedReported(), styles.money);
            formula(row, 7, "SUMIFS(Deals!R:R,Deals!H:H,A" + r + ")", stage.weightedAdjusted(), styles.money);
        }
        int last = stages.size() + 1;
        Row total = sheet.createRow(stages.size() + 1);
        text(total, 0, "Total");
        total.getCell(0).setCellStyle(styles.bold);
        formula(total, 3, "SUM(D2:D" + last + ")", BigDecimal.valueOf(report.counts().accepted()), styles.bold);
        formula(total, 4, "SUM(E2:E" + last + ")", sum(stages, StageTotal::amount), styles.boldMoney);
        formula(total, 6, "SUM(G2:G" + last + ")", sum(stages, StageTotal::weightedReported), styles.boldMoney);
        formula(total, 7, "SUM(H2:H" + last + ")", sum(stages, StageTotal::weightedAdjusted), styles.boldMoney);
        sheet.setAutoFilter(new CellRangeAddress(0, stages.size(), 0, 7));
        int[] widths = {14, 22, 11, 9, 16, 11, 20, 24};
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
    }

    private void writeSummary(SXSSFSheet sheet, ForecastReport report, Styles styles) {
        Object[][] lines = {
            {"Run date", report.runDate()},
            {"Playbook", report.playbookName() + " (" + report.playbookId() + ")"},
            {"Reporting currency", report.reportingCurrency()},
            {"Open pipeline", report.totals().openAmount()},
            {"Weighted as reported", report.totals().weightedAsReported()},
            {"Weighted checklist-adjusted", report.totals().weightedChecklistAdjusted()},
            {"Gap (reported - adjusted)", report.totals().gap()},
            {"Closed won", report.totals().closedWon()},
            {"Rows read", report.counts().read()},
            {"Deals accepted", report.counts().accepted()},
            {"Rows rejected (see rejected.csv)", report.counts().rejected()},
        };
        for (int i = 0; i < lines.length; i++) {
            Row row = sheet.createRow(i);
            text(row, 0, (String) lines[i][0]);
            Object value = lines[i][1];
            if (value instanceof BigDecimal money) {
                number(row, 1, money.doubleValue(), styles.money);
            } else if (value instanceof Long count) {
                number(row, 1, count, null);
            } else if (value instanceof java.time.LocalDate date) {
                Cell cell = row.createCell(1);
                cell.setCellValue(date);
                cell.setCellStyle(styles.date);
            } else {
                text(row, 1, String.valueOf(value));
            }
        }
        sheet.setColumnWidth(0, 34 * 256);
        sheet.setColumnWidth(1, 22 * 256);
    }

    private static BigDecimal sum(List<StageTotal> stages, java.util.function.Function<StageTotal, BigDecimal> f) {
        return stages.stream().map(f).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static void header(SXSSFSheet sheet, String[] headers, Styles styles) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < headers.length; i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(headers[i]);
            cell.setCellStyle(styles.header);
        }
        sheet.createFreezePane(0, 1);
    }

    /** Text is always a string cell: input that looks like a formula stays text. */
    private static void text(Row row, int column, String value) {
        if (value != null) {
            row.createCell(column).setCellValue(value);
        }
    }

    private static void number(Row row, int column, double value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private static void formula(Row row, int column, String formula, BigDecimal cached, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellFormula(formula);
        cell.setCellValue(cached.doubleValue());
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    /** Styles are created once per workbook: Excel limits their number. */
    private static final class Styles {
        final CellStyle header;
        final CellStyle money;
        final CellStyle percent;
        final CellStyle date;
        final CellStyle bold;
        final CellStyle boldMoney;

        Styles(SXSSFWorkbook workbook, String currency) {
            Font boldFont = workbook.createFont();
            boldFont.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(boldFont);
            String moneyFormat = "#,##0.00 \"" + currency + "\";-#,##0.00 \"" + currency + "\"";
            money = workbook.createCellStyle();
            money.setDataFormat(workbook.createDataFormat().getFormat(moneyFormat));
            percent = workbook.createCellStyle();
            percent.setDataFormat(workbook.createDataFormat().getFormat("0%"));
            date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            bold = workbook.createCellStyle();
            bold.setFont(boldFont);
            boldMoney = workbook.createCellStyle();
            boldMoney.cloneStyleFrom(money);
            boldMoney.setFont(boldFont);
        }
    }

}
