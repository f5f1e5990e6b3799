package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.TestRuns;

/**
 * An export whose checklist comes as a checklist column (ids done), a CRM field named in the mapping file and an
 * item column with dates, and whose other headers clash with the deal sheet's own or with each other: the
 * normalised checklist cells, the tables' unique column names, and tables without rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbookChecklistFunctionalTest extends JobTestSupport {

    private static final String RUN_DATE = "2035-03-15";

    private Path xlsx;
    private XSSFWorkbook workbook;
    private XSSFSheet deals;
    private Map<String, Integer> columns;

    @BeforeAll
    void runExportWithChecklistColumns() throws Exception {
        Path input = Files.createDirectories(work.resolve("workbook-checklist-input"));
        Files.writeString(input.resolve("crm-b.csv"), """
                deal_id,deal_name,owner,stage,amount,currency,close_date,checklist,Budget_Confirmed__c,\
                first_contact_date,Notes,notes,Period,"Next
                step"
                D-1,Alpha,Ann,discovery,1000.00,USD,2035-06-30,interest_confirmed;credit_checked,ja,2035-01-02,a,b,c,d
                D-2,Beta,Bob,discovery,2000.00,USD,2035-05-01,,2035-03-01,2035-06-01,,,,
                D-3,Gamma,Ann,prospect,500.00,USD,2035-04-01,"meets_basic_criteria, meeting_scheduled",nein,,,,,
                D-4,Delta,Bob,qualified,750.00,USD,2035-04-15,,n/a,2035-03-15,,,,
                """);
        Path mapping = Files.writeString(work.resolve("workbook-checklist-mapping.yml"), """
                checklist:
                  funding_approved: Budget_Confirmed__c
                """);
        RunOutcome outcome = run(TestRuns.options(input, reports(), RUN_DATE, 100).withMapping(mapping.toString()));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        xlsx = outcome.reportFolder().resolve("pipeline.xlsx");
        try (var in = Files.newInputStream(xlsx)) {
            workbook = new XSSFWorkbook(in);
        }
        deals = workbook.getSheet("Deals");
        columns = WorkbookChecks.columns(deals);
    }

    @AfterAll
    void close() throws IOException {
        workbook.close();
    }

    @Test
    void checklistCellsAreCheckMarksDatesOrBlankAndTheRawValuesStay() {
        // a checklist column carries every item: each gets its normalised column, auto items aside
        assertThat(columns).containsKeys("Checklist: interest_confirmed", "Checklist: funding_approved",
                "Checklist: first_contact_date", "Checklist: pricing_approved")
                .doesNotContainKey("Checklist: duplicate_checked");
        Map<String, Row> rows = new HashMap<>();
        for (Row row : deals) {
            if (row.getRowNum() > 0) {
                rows.put(row.getCell(columns.get("Deal ID")).getStringCellValue(), row);
            }
        }
        // listed in the checklist column (by ; or ,), or a yes-like word: a check mark
        assertThat(normalised(rows.get("D-1"), "interest_confirmed")).isEqualTo("✓");
        assertThat(normalised(rows.get("D-1"), "credit_checked")).isEqualTo("✓");
        assertThat(normalised(rows.get("D-1"), "funding_approved")).isEqualTo("✓");
        assertThat(normalised(rows.get("D-3"), "meets_basic_criteria")).isEqualTo("✓");
        assertThat(normalised(rows.get("D-3"), "meeting_scheduled")).isEqualTo("✓");
        // a date on or before the run date: that date, as a real date
        assertThat(dateIn(rows.get("D-1"), "first_contact_date")).isEqualTo(LocalDate.parse("2035-01-02"));
        assertThat(dateIn(rows.get("D-2"), "funding_approved")).isEqualTo(LocalDate.parse("2035-03-01"));
        assertThat(dateIn(rows.get("D-4"), "first_contact_date")).isEqualTo(LocalDate.parse(RUN_DATE));
        // not done: a later date, a no-like word, n/a, nothing
        assertThat(normalised(rows.get("D-2"), "first_contact_date")).isEmpty();
        assertThat(normalised(rows.get("D-3"), "funding_approved")).isEmpty();
        assertThat(normalised(rows.get("D-4"), "funding_approved")).isEmpty();
        assertThat(normalised(rows.get("D-2"), "interest_confirmed")).isEmpty();
        assertThat(normalised(rows.get("D-1"), "pricing_approved")).isEmpty();
        // the export's columns keep what was written
        assertThat(raw(rows.get("D-1"), "checklist")).isEqualTo("interest_confirmed;credit_checked");
        assertThat(raw(rows.get("D-1"), "Budget_Confirmed__c")).isEqualTo("ja");
        assertThat(raw(rows.get("D-2"), "first_contact_date")).isEqualTo("2035-06-01");
        assertThat(raw(rows.get("D-4"), "Budget_Confirmed__c")).isEqualTo("n/a");
    }

    @Test
    void headersThatClashAreMadeUniqueForTheTable() {
        assertThat(columns).containsKeys("Period", "Period (2)", "Notes", "notes (2)", "Next step");
        assertThat(raw(deals.getRow(1), "Period (2)")).isEqualTo("c");
        assertThat(raw(deals.getRow(1), "notes (2)")).isEqualTo("b");
        Map<String, String> tables = WorkbookChecks.checkTables(workbook);
        // without rejected rows or quotas a table keeps one empty row, as Excel makes it
        assertThat(tables).containsEntry("Rejected", "Rejected!A1:E2").containsEntry("Quotas", "Quotas!A1:J2")
                .containsKey("Deals").containsKey("Findings").containsKey("Movement");
        assertThat(workbook.getSheet("Rejected").getLastRowNum()).isZero();
        for (Sheet sheet : workbook) {
            WorkbookChecks.assertPrintSetup(sheet, 1);
        }
    }

    @Test
    void fxRateOfTheReportingCurrencyIsOne() {
        for (Row row : deals) {
            if (row.getRowNum() > 0) {
                assertThat(row.getCell(columns.get("FX rate to USD")).getNumericCellValue()).isEqualTo(1.0);
            }
        }
    }

    @Test
    void everyFormulaRecalculatesToTheValueItCachesInPoiAndLibreOffice() throws Exception {
        assertThat(WorkbookChecks.recalculateEveryFormula(workbook)).isGreaterThan(8);
        Path soffice = WorkbookChecks.soffice();
        Assumptions.assumeTrue(soffice != null, "LibreOffice (soffice) is not installed");
        assertThat(WorkbookChecks.recalculateWithLibreOffice(soffice, xlsx,
                Files.createTempDirectory(work, "libreoffice"))).isGreaterThan(8);
    }

    private String normalised(Row row, String item) {
        return raw(row, "Checklist: " + item);
    }

    private String raw(Row row, String column) {
        Cell cell = row.getCell(columns.get(column));
        return cell == null ? "" : cell.getStringCellValue();
    }

    private LocalDate dateIn(Row row, String item) {
        Cell cell = row.getCell(columns.get("Checklist: " + item));
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(DateUtil.isCellDateFormatted(cell)).isTrue();
        return cell.getLocalDateTimeCellValue().toLocalDate();
    }
}
