package com.pipelineforecast.report;

import static com.pipelineforecast.report.WorkbookChecks.cents;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/** With a small sheet row limit the deals go on over several sheets and every formula spans all of them. */
@TestPropertySource(properties = "pipeline.sheet-rows=150")
class WorkbookSplitFunctionalTest extends JobTestSupport {

    @Test
    void dealsSplitAtTheRowLimitAndTheAggregatesStillReconcile() throws Exception {
        // POI's temporary files go to a folder of this test's own: other processes share the system's
        Path poiTemp = Files.createDirectories(work.resolve("poifiles-split"));
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(poiTemp.toFile()));
        RunOutcome outcome;
        try {
            outcome = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports(), "2025-07-01", 100));
        } finally {
            TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
        }
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        RunJson runJson = RunJson.read(outcome.reportFolder());
        try (XSSFWorkbook workbook = new XSSFWorkbook(outcome.reportFolder().resolve("pipeline.xlsx").toFile())) {
            List<String> names = new ArrayList<>();
            workbook.forEach(sheet -> names.add(sheet.getSheetName()));
            assertThat(names).endsWith("Deals", "Deals 2", "Deals 3");
            // 318 deals: 150 + 150 + 18 data rows below each header
            assertThat(workbook.getSheet("Deals").getLastRowNum()).isEqualTo(150);
            assertThat(workbook.getSheet("Deals 2").getLastRowNum()).isEqualTo(150);
            assertThat(workbook.getSheet("Deals 3").getLastRowNum()).isEqualTo(runJson.count("accepted") - 300);
            assertThat(workbook.getSheet("Deals 3").getRow(0).getCell(2).getStringCellValue()).isEqualTo("Deal ID");
            // one table per deal sheet, each over its header and its own rows
            Map<String, String> tables = WorkbookChecks.checkTables(workbook);
            String last = org.apache.poi.ss.util.CellReference.convertNumToColString(
                    workbook.getSheet("Deals").getRow(0).getLastCellNum() - 1);
            assertThat(tables).containsEntry("Deals", "Deals!A1:" + last + "151")
                    .containsEntry("Deals_2", "Deals 2!A1:" + last + "151")
                    .containsEntry("Deals_3", "Deals 3!A1:" + last + (runJson.count("accepted") - 300 + 1))
                    // the line counting the findings that do not fit is below the table
                    .containsEntry("Findings", "Findings!A1:I150");
            for (String name : List.of("Deals", "Deals 2", "Deals 3")) {
                WorkbookChecks.assertPrintSetup(workbook.getSheet(name), 1);
            }

            Map<String, Cell> summary = WorkbookChecks.summary(workbook);
            assertThat(summary.get("Weighted as reported").getCellFormula()).contains("'Deals'!Y:Y", "'Deals 2'!Y:Y",
                    "'Deals 3'!Y:Y");
            assertThat(WorkbookChecks.recalculateEveryFormula(workbook)).isGreaterThan(2 * 318);
            assertThat(cents(summary.get("Weighted as reported").getNumericCellValue()))
                    .isEqualTo(runJson.total("weightedAsReported"));
            assertThat((long) summary.get("Deals accepted").getNumericCellValue()).isEqualTo(runJson.count("accepted"));
            // the findings outgrow one sheet too: what does not fit is counted and pointed to findings.csv
            var findings = workbook.getSheet("Findings");
            assertThat(findings.getLastRowNum()).isEqualTo(150);
            assertThat(findings.getRow(150).getCell(0).getStringCellValue()).endsWith("more findings: see findings.csv");
        }
        assertThat(countFiles(poiTemp)).isZero();
    }

    private static long countFiles(Path folder) throws java.io.IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}
