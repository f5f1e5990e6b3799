package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads a published workbook back: recalculates its formulas and finds labelled values. */
final class WorkbookChecks {

    private WorkbookChecks() {
    }

    /** Recalculates every formula with POI's evaluator and checks it against its cached value; returns how many. */
    static int recalculateEveryFormula(XSSFWorkbook workbook) {
        XSSFFormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
        int formulas = 0;
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() != CellType.FORMULA) {
                        continue;
                    }
                    CellValue value = evaluator.evaluate(cell);
                    assertThat(value.getCellType()).as(where(cell)).isEqualTo(CellType.NUMERIC);
                    assertThat(cents(value.getNumberValue())).as(where(cell) + " " + cell.getCellFormula())
                            .isEqualTo(cents(cell.getNumericCellValue()));
                    formulas++;
                }
            }
        }
        return formulas;
    }

    static String where(Cell cell) {
        return cell.getSheet().getSheetName() + "!" + cell.getAddress().formatAsString();
    }

    static BigDecimal cents(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    /** Column B of the Summary sheet by the label in column A. */
    static Map<String, Cell> summary(XSSFWorkbook workbook) {
        Map<String, Cell> values = new HashMap<>();
        for (Row row : workbook.getSheet("Summary")) {
            Cell label = row.getCell(0);
            if (label != null && label.getCellType() == CellType.STRING && row.getCell(1) != null) {
                values.put(label.getStringCellValue(), row.getCell(1));
            }
        }
        return values;
    }

    /** The header labels of a sheet's first row, by column index. */
    static Map<String, Integer> columns(Sheet sheet) {
        Map<String, Integer> columns = new HashMap<>();
        for (Cell cell : sheet.getRow(0)) {
            columns.put(cell.getStringCellValue(), cell.getColumnIndex());
        }
        return columns;
    }
}
