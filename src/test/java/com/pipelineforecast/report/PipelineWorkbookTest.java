package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbook writes the sheet XML POI writes, to the character, and zips it so that POI reads it back. */
class PipelineWorkbookTest {

    /** Every kind of cell, and texts with each character the sheet XML escapes or replaces. */
    private static final String[] TEXTS = {"plain", "", " leading", "trailing\t", "<a href=\"x\">&amp;</a>",
        "line\nbreak\r\nand\ttab", "no\u00A0break", "bell\u0007 nul\u0000 esc\u001B", "non\uFFFEchar\uFFFF",
        "Müller 王伟 ✓", "supplementary 𠀀😀", "lone \uD800 surrogate", "=SUM(A1)", "x".repeat(5_000)};

    @TempDir
    Path folder;

    @Test
    void sheetXmlIsPoisToTheCharacter() throws IOException {
        byte[] poi = write(new SXSSFWorkbook(10));
        byte[] ours = write(new PipelineWorkbook(10));
        for (int sheet = 1; sheet <= 2; sheet++) {
            String name = "xl/worksheets/sheet" + sheet + ".xml";
            assertThat(entry(ours, name)).isEqualTo(entry(poi, name));
        }
    }

    @Test
    void readsBackWithTheCellsWritten() throws IOException {
        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(write(new PipelineWorkbook(10))))) {
            Sheet sheet = read.getSheet("Cells");
            Row row = sheet.getRow(0);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("plain");
            assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.BLANK);
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo(" leading");
            assertThat(sheet.getRow(1).getCell(3 * 5).getStringCellValue()).isEqualTo("line\nbreak\r\nand\ttab");
            assertThat(sheet.getRow(1).getCell(3 * 9).getStringCellValue()).isEqualTo("Müller 王伟 ✓");
            Row numbers = sheet.getRow(2);
            assertThat(numbers.getCell(0).getNumericCellValue()).isEqualTo(1234567.89);
            assertThat(numbers.getCell(1).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 11,
                    22));
            assertThat(numbers.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(numbers.getCell(2).getNumericCellValue()).isEqualTo(0.1 + 0.2);
            Row formulas = sheet.getRow(3);
            assertThat(formulas.getCell(0).getCellFormula()).isEqualTo("IF(A3>0,\"<yes & no>\",A3)");
            assertThat(formulas.getCell(0).getNumericCellValue()).isEqualTo(42.5);
            assertThat(formulas.getCell(1).getStringCellValue()).isEqualTo("a \"quoted\" <text>");
            assertThat(formulas.getCell(3).getBooleanCellValue()).isTrue();
            assertThat(formulas.getCell(4).getErrorCellValue()).isEqualTo(FormulaError.DIV0.getCode());
            assertThat(sheet.getRow(4).getCell(1).getBooleanCellValue()).isFalse();
            assertThat(sheet.getLastRowNum()).isEqualTo(24);
        }
    }

    private static byte[] write(SXSSFWorkbook workbook) throws IOException {
        try {
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle quoted = workbook.createCellStyle();
            quoted.setQuotePrefixed(true);
            Sheet sheet = workbook.createSheet("Cells");
            Row row = sheet.createRow(0);
            row.createCell(0).setCellValue("plain");
            row.createCell(1).setCellStyle(quoted);
            row.createCell(2).setCellValue(" leading");
            row = sheet.createRow(1);
            for (int i = 0; i < TEXTS.length; i++) {
                Cell cell = row.createCell(3 * i);
                cell.setCellValue(TEXTS[i]);
                cell.setCellStyle(i % 2 == 0 ? quoted : workbook.getCellStyleAt(0));
            }
            row = sheet.createRow(2);
            row.createCell(0).setCellValue(1234567.89);
            row.createCell(1).setCellValue(LocalDate.of(2026, 11, 22));
            row.getCell(1).setCellStyle(date);
            row.createCell(2).setCellValue(0.1 + 0.2);
            row.createCell(3).setCellValue(-0.0);
            row.createCell(4).setCellValue(1e-300);
            row.createCell(5).setCellValue(Double.MAX_VALUE);
            row.createCell(6).setCellValue(Double.NaN);
            row = sheet.createRow(3);
            row.createCell(0).setCellFormula("IF(A3>0,\"<yes & no>\",A3)");
            row.getCell(0).setCellValue(42.5);
            row.createCell(1).setCellFormula("\"a \"\"quoted\"\" <text>\"");
            row.getCell(1).setCellValue("a \"quoted\" <text>");
            row.createCell(2).setCellFormula("\"\"");
            row.getCell(2).setCellValue("");
            row.createCell(3).setCellFormula("1=1");
            row.getCell(3).setCellValue(true);
            row.createCell(4).setCellFormula("1/0");
            row.getCell(4).setCellErrorValue(FormulaError.DIV0.getCode());
            row.createCell(5).setCellFormula("SUM(A3:C3)");
            row = sheet.createRow(4);
            row.createCell(1).setCellValue(false);
            row.createCell(2).setCellErrorValue(FormulaError.NA.getCode());
            // more rows than the window, so that rows are flushed while others are written
            for (int r = 5; r < 25; r++) {
                sheet.createRow(r).createCell(r).setCellValue(r);
            }
            workbook.createSheet("Empty");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } finally {
            workbook.close();
        }
    }

    private String entry(byte[] xlsx, String name) throws IOException {
        Path file = Files.write(Files.createTempFile(folder, "workbook", ".xlsx"), xlsx);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new String(zip.getInputStream(zip.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
