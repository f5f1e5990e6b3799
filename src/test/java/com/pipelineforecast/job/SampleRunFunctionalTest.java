package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.pipelineforecast.support.IndependentForecast;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/** The README's command on the sample export: every published figure against an independent computation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleRunFunctionalTest extends JobTestSupport {

    private static final String RUN_DATE = "2026-11-22";

    private RunOutcome outcome;
    private Path folder;
    private RunJson runJson;
    private IndependentForecast expected;

    @BeforeAll
    void runOnSample() throws IOException {
        outcome = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports(), RUN_DATE, 100));
        folder = outcome.reportFolder();
        runJson = RunJson.read(folder);
        expected = IndependentForecast.of(TestRuns.SAMPLE_INPUT.resolve("sample-deals.csv"),
                LocalDate.parse(RUN_DATE));
    }

    @Test
    void completesAndPublishesEveryOutput() {
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(folder).isEqualTo(work.resolve(getClass().getSimpleName()).resolve("reports").resolve(RUN_DATE));
        assertThat(folder.resolve("forecast.pdf")).isRegularFile();
        assertThat(folder.resolve("pipeline.xlsx")).isRegularFile();
        assertThat(folder.resolve("rejected.csv")).isRegularFile();
        assertThat(folder.resolve("run.json")).isRegularFile();
        assertThat(folder.getParent()).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
    }

    @Test
    void historyTablesAreCachedTablesOfAnHsqldbFile() {
        assertThat(jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.SYSTEM_TABLES WHERE HSQLDB_TYPE = 'CACHED'",
                String.class)).contains("DEAL_SNAPSHOT", "DEAL_FINDING", "REJECTED_ROW", "FORECAST_RUN",
                        "BATCH_JOB_EXECUTION", "BATCH_STEP_EXECUTION_CONTEXT");
        assertThat(work.resolve("db").resolve("pipeline-forecast.script")).isRegularFile();
    }

    @Test
    void countsReconcileWithTheInputRows() {
        assertThat(runJson.count("read")).isEqualTo(expected.rows).isEqualTo(324);
        assertThat(runJson.count("rejected")).isEqualTo(expected.rejected).isEqualTo(6);
        assertThat(runJson.count("accepted")).isEqualTo(expected.rows - expected.rejected);
        assertThat(runJson.root().path("inputs").get(0).path("rows").asLong()).isEqualTo(324);
        assertThat((long) keptDeals(RUN_DATE).size()).isEqualTo(runJson.count("accepted"));
    }

    @Test
    void totalsEqualAnIndependentSumOverTheInput() {
        List<String> open = IndependentForecast.openStages();
        assertThat(runJson.total("openAmount")).isEqualTo(expected.sum(expected.amount, open));
        assertThat(runJson.total("weightedAsReported")).isEqualTo(expected.sum(expected.weighted, open));
        assertThat(runJson.total("weightedChecklistAdjusted")).isEqualTo(expected.sum(expected.adjusted, open));
        assertThat(runJson.total("closedWon")).isEqualTo(expected.amount.get("closed_won"));
        assertThat(runJson.total("weightedChecklistAdjusted")).isLessThan(runJson.total("weightedAsReported"));
    }

    @Test
    void quarterCallsEqualAnIndependentSumByCloseDate() {
        // the run date's quarter and the next, past-due deals of the quarter included
        for (String field : List.of("quarterCall", "nextQuarterCall")) {
            JsonNode call = runJson.root().path(field);
            java.math.BigDecimal[] sums = expected.calls.get(call.path("quarter").asText());
            assertThat(sums).as(field).isNotNull();
            assertThat(new java.math.BigDecimal(call.path("closedWon").asText())).as(field).isEqualByComparingTo(sums[0]);
            assertThat(new java.math.BigDecimal(call.path("commit").asText())).as(field).isEqualByComparingTo(sums[1]);
            assertThat(new java.math.BigDecimal(call.path("bestCase").asText())).as(field).isEqualByComparingTo(sums[2]);
            assertThat(new java.math.BigDecimal(call.path("pipeline").asText())).as(field).isEqualByComparingTo(sums[3]);
            assertThat(new java.math.BigDecimal(call.path("closedPlusCommit").asText())).isEqualByComparingTo(sums[0].add(sums[1]));
            assertThat(new java.math.BigDecimal(call.path("weightedAsReported").asText())).as(field).isEqualByComparingTo(sums[4]);
            assertThat(new java.math.BigDecimal(call.path("weightedChecklistAdjusted").asText())).as(field)
                    .isEqualByComparingTo(sums[5]);
        }
        assertThat(runJson.root().path("quarterCall").path("quarter").asText()).isEqualTo("FY2026 Q4");
        assertThat(runJson.root().path("nextQuarterCall").path("quarter").asText()).isEqualTo("FY2027 Q1");
        // one period rule: no "overdue" period; past-due deals count in their quarter, shown as "of which past due"
        assertThat(runJson.root().path("periods").findValuesAsText("period")).doesNotContain("overdue");
        java.math.BigDecimal pastDue = java.math.BigDecimal.ZERO;
        for (JsonNode line : runJson.root().path("periods")) {
            pastDue = pastDue.add(new java.math.BigDecimal(line.path("pastDueAmount").asText()));
        }
        assertThat(pastDue).isPositive();
    }

    @Test
    void actionsRestoreTheWholeGapAndEachRestoresItsOwnDeal() throws IOException {
        JsonNode actions = runJson.root().path("actions");
        java.math.BigDecimal gap = java.math.BigDecimal.ZERO;
        for (String stage : IndependentForecast.openStages()) {
            gap = gap.add(expected.weighted.get(stage)).subtract(expected.adjusted.get(stage));
        }
        assertThat(gap).isPositive();
        assertThat(new java.math.BigDecimal(actions.path("restorable").asText())).isEqualByComparingTo(gap);
        java.math.BigDecimal byOwner = java.math.BigDecimal.ZERO;
        for (JsonNode owner : actions.path("owners")) {
            byOwner = byOwner.add(new java.math.BigDecimal(owner.path("restorable").asText()));
        }
        assertThat(byOwner).isEqualByComparingTo(gap);
        JsonNode top = actions.path("top").get(0);
        assertThat(top.path("sentence").asText()).startsWith("tick ").contains(" on " + top.path("dealId").asText()
                + " to restore ");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(outcome.reportFolder().resolve("pipeline.xlsx"));
                org.apache.poi.ss.usermodel.Workbook workbook = org.apache.poi.ss.usermodel.WorkbookFactory.create(in)) {
            org.apache.poi.ss.usermodel.Sheet sheet = workbook.getSheet("Actions");
            java.math.BigDecimal restored = java.math.BigDecimal.ZERO;
            String previousOwner = "";
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
                java.math.BigDecimal reported = cents(row.getCell(7).getNumericCellValue());
                java.math.BigDecimal adjusted = cents(row.getCell(8).getNumericCellValue());
                assertThat(row.getCell(9).getCellFormula()).isEqualTo("H" + (r + 1) + "-I" + (r + 1));
                assertThat(cents(row.getCell(9).getNumericCellValue())).isEqualByComparingTo(reported.subtract(adjusted));
                assertThat(row.getCell(6).getStringCellValue()).isNotBlank();
                assertThat(row.getCell(0).getStringCellValue()).isGreaterThanOrEqualTo(previousOwner);
                previousOwner = row.getCell(0).getStringCellValue();
                restored = restored.add(reported.subtract(adjusted));
            }
            assertThat(sheet.getLastRowNum()).isEqualTo(actions.path("deals").asInt());
            assertThat(restored).isEqualByComparingTo(gap);
        }
    }

    private static java.math.BigDecimal cents(double value) {
        return java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    @Test
    void everyStageEqualsTheIndependentSum() {
        for (String stage : expected.deals.keySet()) {
            JsonNode line = runJson.stage(stage);
            assertThat(line.path("deals").asLong()).as(stage).isEqualTo(expected.deals.get(stage)).isPositive();
            assertThat(new BigDecimal(line.path("amount").asText())).as(stage).isEqualTo(expected.amount.get(stage));
            assertThat(new BigDecimal(line.path("weighted").asText())).as(stage)
                    .isEqualTo(expected.weighted.get(stage));
            assertThat(new BigDecimal(line.path("weightedChecklistAdjusted").asText())).as(stage)
                    .isEqualTo(expected.adjusted.get(stage));
        }
    }

    @Test
    void manifestRecordsInputsAndOutputsWithChecksums() throws IOException {
        JsonNode input = runJson.root().path("inputs").get(0);
        assertThat(input.path("file").asText()).isEqualTo("sample-deals.csv");
        assertThat(input.path("bytes").asLong()).isEqualTo(Files.size(TestRuns.SAMPLE_INPUT.resolve("sample-deals.csv")));
        assertThat(input.path("sha256").asText()).hasSize(64);
        assertThat(runJson.root().path("outputs")).extracting(o -> o.path("file").asText())
                .containsExactly("forecast.pdf", "pipeline.xlsx", "rejected.csv", "findings.csv");
        assertThat(runJson.root().path("timings").path("totalMillis").asLong()).isPositive();
        assertThat(runJson.root().path("playbook").asText()).isEqualTo("six-stage");
        assertThat(runJson.root().path("reportingCurrency").asText()).isEqualTo("USD");
    }

    @Test
    void findingsAreCountedInRunJsonAndListedInFindingsCsv() throws IOException {
        JsonNode findings = runJson.root().path("findings");
        assertThat(expected.duplicates).isPositive();
        assertThat(findings.path("DUPLICATE_DEAL").asLong()).isEqualTo(expected.duplicates);
        assertThat(findings.path("AMOUNT_MISSING").asLong()).isEqualTo(1);
        assertThat(findings.path("LEAD_IN_PIPELINE").asLong()).isEqualTo(expected.deals.get("lead"));
        assertThat(findings.path("STAGE_NOT_EVIDENCED").asLong()).isPositive();
        assertThat(findings.path("CLOSE_DATE_PASSED").asLong()).isPositive();
        assertThat(findings.path("PROBABILITY_MISMATCH").asLong()).isPositive();
        long total = 0;
        for (JsonNode count : findings) {
            total += count.asLong();
        }
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(folder.resolve("findings.csv"))).getRecords();
        assertThat(rows).hasSize((int) total);
        assertThat(rows).filteredOn(r -> r.get("code").equals("DUPLICATE_DEAL"))
                .allSatisfy(r -> assertThat(r.get("message")).matches("same account and deal name as deal D-\\d+ in this run"));
        assertThat(runJson.root().path("leads").path("deals").asLong()).isEqualTo(expected.deals.get("lead"));
        assertThat(runJson.root().path("leads").path("amount").asText())
                .isEqualTo(expected.amount.get("lead").toPlainString());
    }

    @Test
    void rejectedCsvListsEachProblemRowWithItsReason() throws IOException {
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(folder.resolve("rejected.csv"))).getRecords();
        assertThat(rows).extracting(r -> r.get("column") + ":" + r.get("value") + ":" + r.get("reason").split(":")[0])
                .containsExactly("deal_id::NO_DEAL_ID", "stage:Negotiating hard:UNKNOWN_STAGE",
                        "amount:twelve thousand:BAD_AMOUNT", "close_date:31.02.2026:BAD_DATE",
                        "currency:CHF:NO_FX_RATE", "needs_researched:maybe:BAD_CHECKLIST_VALUE");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("file")).isEqualTo("sample-deals.csv"));
        assertThat(rows).extracting(r -> r.get("line")).containsExactly("42", "92", "152", "212", "262", "302");
    }

    @Test
    void pdfShowsTheSellingCycleTableAndTotals() throws IOException {
        String text;
        try (PDDocument pdf = Loader.loadPDF(folder.resolve("forecast.pdf").toFile())) {
            text = new PDFTextStripper().getText(pdf);
        }
        assertThat(text).contains("Pipeline forecast", "Run date " + RUN_DATE);
        for (String stage : expected.deals.keySet()) {
            JsonNode line = runJson.stage(stage);
            String row = String.format("%,d %s", line.path("deals").asLong(), grouped(line.path("amount").asText()));
            assertThat(text).as(stage).contains(row).contains(grouped(line.path("weighted").asText()))
                    .contains(grouped(line.path("weightedChecklistAdjusted").asText()));
        }
        assertThat(text).contains(grouped(runJson.total("weightedAsReported").toPlainString()),
                grouped(runJson.total("weightedChecklistAdjusted").toPlainString()),
                grouped(runJson.total("openAmount").toPlainString()),
                grouped(runJson.total("closedWon").toPlainString()));
        assertThat(text).contains("Rows read 324 = deals 318 + rejected 6", "Page 1 of ");
    }

    @Test
    void workbookReadBackHasTheSameTotals() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(folder.resolve("pipeline.xlsx").toFile())) {
            Sheet deals = workbook.getSheet("Deals");
            assertThat(deals.getLastRowNum()).isEqualTo(runJson.count("accepted"));
            BigDecimal amount = BigDecimal.ZERO;
            BigDecimal weighted = BigDecimal.ZERO;
            for (Row row : deals) {
                if (row.getRowNum() > 0 && IndependentForecast.openStages()
                        .contains(row.getCell(8).getStringCellValue())) {
                    amount = amount.add(BigDecimal.valueOf(row.getCell(16).getNumericCellValue()));
                    weighted = weighted.add(BigDecimal.valueOf(row.getCell(24).getNumericCellValue()));
                }
            }
            assertThat(amount.setScale(2, java.math.RoundingMode.HALF_UP)).isEqualTo(runJson.total("openAmount"));
            assertThat(weighted.setScale(2, java.math.RoundingMode.HALF_UP))
                    .isEqualTo(runJson.total("weightedAsReported"));

            Sheet byStage = workbook.getSheet("By Stage");
            for (Row row : byStage) {
                if (row.getRowNum() == 0 || row.getCell(0).getStringCellValue().equals("Total")) {
                    continue;
                }
                JsonNode line = runJson.stage(row.getCell(0).getStringCellValue());
                assertThat((long) row.getCell(3).getNumericCellValue()).isEqualTo(line.path("deals").asLong());
                assertThat(money(row.getCell(4).getNumericCellValue())).isEqualTo(line.path("amount").asText());
                assertThat(money(row.getCell(6).getNumericCellValue())).isEqualTo(line.path("weighted").asText());
                assertThat(money(row.getCell(7).getNumericCellValue()))
                        .isEqualTo(line.path("weightedChecklistAdjusted").asText());
            }
            assertThat(byStage.getRow(1).getCell(4).getCellFormula()).isEqualTo("SUMIFS('Deals'!Q:Q,'Deals'!I:I,A2)");
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException(e);
        }
    }

    private static String money(double value) {
        return BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String grouped(String plain) {
        return String.format("%,.2f", new BigDecimal(plain));
    }
}
