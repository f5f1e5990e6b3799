package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/**
 * Texts that fit nowhere are cut with a finding: a 32,768-character deal name (over a cell's 32,767 characters and
 * the PDF's 200) and an export of more columns than a sheet holds give one run-level TEXT_CUT finding per output
 * and kind, each with the count — not one per cell — in findings.csv and run.json.
 */
class TextCutFindingsFunctionalTest extends JobTestSupport {

    private static final int EXTRA_COLUMNS = 16_400;

    @Test
    void cutTextsAndLeftOutColumnsAreCountedInTextCutFindings() throws Exception {
        Path input = Files.createDirectories(work.resolve("text-cut-input"));
        // the longest field a deal may hold (TextLimits.FIELD), one character over a cell's limit
        String longName = "Mega deal " + "x".repeat(32_768 - 10);
        StringBuilder header = new StringBuilder("deal_id,deal_name,account,owner,stage,amount,currency,close_date");
        for (int i = 1; i <= EXTRA_COLUMNS; i++) {
            header.append(",extra_").append(i);
        }
        String filler = ",v".repeat(EXTRA_COLUMNS);
        Files.writeString(input.resolve("deals.csv"), header + "\n"
                + "C-1," + longName + ",Account 1,Anna,proposed,900000.00,USD,2037-06-10" + filler + "\n"
                + "C-2,Deal 2," + "A".repeat(300) + ",Anna,qualified,500.00,USD,2037-06-11" + filler + "\n"
                + "C-3,Deal 3,Account 3,Bob,qualified,700.00,USD,2037-06-12" + filler + "\n");

        RunOutcome outcome = run(TestRuns.options(input, reports(), "2037-05-01", 100));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        Path folder = outcome.reportFolder();

        List<String> cuts = Files.readAllLines(folder.resolve("findings.csv")).stream()
                .filter(line -> line.contains("TEXT_CUT")).toList();
        assertThat(cuts).as("one finding per output and kind").hasSize(3);
        assertThat(RunJson.read(folder).root().path("findings").path("TEXT_CUT").asLong()).isEqualTo(3);

        long cutCells = 0;
        int dealColumns;
        try (InputStream in = Files.newInputStream(folder.resolve("pipeline.xlsx"));
                XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().length() == 32_767
                                && cell.getStringCellValue().endsWith("…")) {
                            cutCells++;
                        }
                    }
                }
            }
            dealColumns = workbook.getSheet("Deals").getRow(0).getLastCellNum();
        }
        assertThat(cutCells).as("the deal name at least").isPositive();
        assertThat(dealColumns).isEqualTo(16_384);
        assertThat(count(cuts, "pipeline.xlsx: ([0-9,]+) texts? (is|are) longer than a cell's limit of 32,767"))
                .isEqualTo(cutCells);
        long leftOut = count(cuts, "pipeline.xlsx: ([0-9,]+) export columns? (is|are) beyond a sheet's limit of "
                + "16,384 columns");
        // every export column is carried after the deal sheet's own columns: the last ones fall beyond the limit
        assertThat(leftOut).isBetween(1L, (long) EXTRA_COLUMNS);
        assertThat(leftOut + 16_384).isGreaterThan(EXTRA_COLUMNS);
        long pdf = count(cuts, "forecast.pdf: ([0-9,]+) texts? (is|are) longer than 200 characters and shown cut");
        assertThat(pdf).as("the long deal name and account among the PDF's deal lists").isPositive();
    }

    @Test
    void aRunWithNothingTooLongHasNoTextCutFinding() throws Exception {
        RunOutcome outcome = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports(), "2037-05-02", 500));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(Files.readString(outcome.reportFolder().resolve("findings.csv"))).doesNotContain("TEXT_CUT");
        assertThat(RunJson.read(outcome.reportFolder()).root().path("findings").has("TEXT_CUT")).isFalse();
    }

    private static long count(List<String> findings, String pattern) {
        Pattern message = Pattern.compile(pattern);
        for (String line : findings) {
            Matcher matcher = message.matcher(line);
            if (matcher.find()) {
                return Long.parseLong(matcher.group(1).replace(",", ""));
            }
        }
        throw new AssertionError("no TEXT_CUT finding matches " + pattern + " in " + findings);
    }
}
