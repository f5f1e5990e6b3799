package com.pipelineforecast.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.FindingCode;

/**
 * What the reports could not hold whole, counted while they are rendered: texts over a workbook cell's 32,767
 * characters (cut, ending with {@code …}), export columns beyond a sheet's 16,384, texts over the 200 characters a
 * PDF table shows. The run records them as run-level {@code TEXT_CUT} findings — one per output and kind, with the
 * count, never one per cell — so findings.csv and run.json say what was cut; the texts stay whole in the history.
 */
public final class TextCuts {

    private long workbookTexts;
    private long workbookColumns;
    private long pdfTexts;

    void workbookText() {
        workbookTexts++;
    }

    void workbookColumns(long beyondLimit) {
        workbookColumns = Math.max(workbookColumns, beyondLimit);
    }

    void pdfTexts(long count) {
        pdfTexts += count;
    }

    public long workbookTexts() {
        return workbookTexts;
    }

    public long workbookColumns() {
        return workbookColumns;
    }

    public long pdfTexts() {
        return pdfTexts;
    }

    /** The run-level findings: none when nothing was cut. */
    public List<Finding> findings() {
        List<Finding> findings = new ArrayList<>();
        if (workbookTexts > 0) {
            findings.add(finding(PipelineWorkbookRenderer.FILE_NAME + ": " + count(workbookTexts) + " text"
                    + (workbookTexts == 1 ? " is" : "s are") + " longer than a cell's limit of "
                    + count(CellWriter.MAX_CELL_TEXT) + " characters and cut there (ending with …); the history "
                    + "holds them whole"));
        }
        if (workbookColumns > 0) {
            findings.add(finding(PipelineWorkbookRenderer.FILE_NAME + ": " + count(workbookColumns) + " export column"
                    + (workbookColumns == 1 ? " is" : "s are") + " beyond a sheet's limit of "
                    + count(CellWriter.MAX_COLUMNS) + " columns and not on the deal sheets; the history holds "
                    + "their values"));
        }
        if (pdfTexts > 0) {
            findings.add(finding(ForecastPdfRenderer.FILE_NAME + ": " + count(pdfTexts) + " text"
                    + (pdfTexts == 1 ? " is" : "s are") + " longer than " + PdfTables.SHOWN_TEXT
                    + " characters and shown cut (ending with …); pipeline.xlsx and the CSV files hold them"));
        }
        return findings;
    }

    private static Finding finding(String message) {
        return new Finding(FindingCode.TEXT_CUT, null, null, message);
    }

    private static String count(long value) {
        return String.format(Locale.US, "%,d", value);
    }
}
