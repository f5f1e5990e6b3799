package com.pipelineforecast.report;

import static com.pipelineforecast.report.WorkbookChecks.cents;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/**
 * pipeline.xlsx of the sample export plus deals whose text looks like formulas: read back with POI, every
 * formula recalculated, every aggregate against run.json.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbookFunctionalTest extends JobTestSupport {

    private static final String INJECTED_NAME = "=HYPERLINK(\"http://x\",\"click\")";

    private XSSFWorkbook workbook;
    private RunJson runJson;
    private Path xlsx;

    private long runId;

    @BeforeAll
    void runSampleWithFormulaLikeText() throws Exception {
        Path input = TestRuns.copyOfSample(work.resolve("workbook-input"));
        Path deals = input.resolve("sample-deals.csv");
        int columns = Files.readAllLines(deals).get(0).split(",", -1).length;
        String padding = ",".repeat(columns - 12);
        Files.writeString(deals, "X-1,\"=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",@SUM(A1),standard,+Mallory,"
                + "-Team,Discovery,1000.00,USD,2027-01-15,2026-10-01,40,Pipeline" + padding.substring(1) + "\n",
                StandardOpenOption.APPEND);
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2025-06-30", 100));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        runId = jdbc.queryForObject("SELECT MAX(run_id) FROM forecast_run WHERE run_date = DATE '2025-06-30'",
                Long.class);
        runJson = RunJson.read(outcome.reportFolder());
        xlsx = outcome.reportFolder().resolve("pipeline.xlsx");
        workbook = new XSSFWorkbook(xlsx.toFile());
    }

    @AfterAll
    void close() throws IOException {
        workbook.close();
    }

    @Test
    void hasEverySheetInOrder() {
        List<String> names = new ArrayList<>();
        workbook.forEach(sheet -> names.add(sheet.getSheetName()));
        assertThat(names).containsExactly("Summary", "By Stage", "By Period", "By Owner", "Quotas", "Actions",
                "Movement", "Findings", "Rejected", "Deals");
    }

    @Test
    void quotasAreSumifsOverTheOwnerOrTeamAndFiscalPeriodEqualToRunJson() {
        Sheet quotas = workbook.getSheet("Quotas");
        JsonNode expected = runJson.root().path("quotas");
        assertThat(expected.size()).isGreaterThan(3);
        assertThat(quotas.getLastRowNum()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Row row = quotas.getRow(i + 1);
            JsonNode quota = expected.get(i);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo(quota.path("ownerOrTeam").asText());
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo(quota.path("period").asText());
            assertThat(row.getCell(3).getCellFormula()).contains("'Deals'!R:R,\">=\"&DATE(");
            assertThat(cents(row.getCell(3).getNumericCellValue()).toPlainString())
                    .isEqualTo(quota.path("closedWon").asText());
            assertThat(cents(row.getCell(6).getNumericCellValue()).toPlainString())
                    .isEqualTo(quota.path("openPipeline").asText());
            assertThat(cents(row.getCell(7).getNumericCellValue()).toPlainString())
                    .isEqualTo(quota.path("weighted").asText());
            assertThat(cents(row.getCell(8).getNumericCellValue()).toPlainString())
                    .isEqualTo(quota.path("remaining").asText());
        }
        // a fiscal-year quota spans its four quarters: DACH's FY2027 runs January to December 2027
        Row year = quotas.getRow(6);
        assertThat(year.getCell(1).getStringCellValue()).isEqualTo("FY2027");
        assertThat(year.getCell(3).getCellFormula()).contains("DATE(2027,1,1)").contains("DATE(2028,1,1)");
    }

    @Test
    void everyFormulaRecalculatesToTheValueItCaches() {
        assertThat(WorkbookChecks.recalculateEveryFormula(workbook)).isGreaterThan(2 * 319 + 50);
    }

    @Test
    void summaryFiguresAreFormulasEqualToRunJson() {
        Map<String, Cell> summary = WorkbookChecks.summary(workbook);
        assertThat(summary.get("Open pipeline").getCellFormula())
                .startsWith("SUMIFS('Deals'!Q:Q,'Deals'!L:L,\"open\")");
        assertThat(cents(summary.get("Open pipeline").getNumericCellValue())).isEqualTo(runJson.total("openAmount"));
        assertThat(cents(summary.get("Weighted as reported").getNumericCellValue()))
                .isEqualTo(runJson.total("weightedAsReported"));
        assertThat(cents(summary.get("Weighted checklist-adjusted").getNumericCellValue()))
                .isEqualTo(runJson.total("weightedChecklistAdjusted"));
        assertThat(cents(summary.get("Closed won").getNumericCellValue())).isEqualTo(runJson.total("closedWon"));
        assertThat(cents(summary.get("Closed won this quarter").getNumericCellValue()))
                .isEqualTo(new BigDecimal(runJson.root().path("closedWonThisQuarter").asText()));
        assertThat((long) summary.get("Deals accepted").getNumericCellValue()).isEqualTo(runJson.count("accepted"));
        assertThat((long) summary.get("Rows read").getNumericCellValue()).isEqualTo(runJson.count("read"));
        assertThat((long) summary.get("Rows rejected").getNumericCellValue()).isEqualTo(runJson.count("rejected"));
    }

    @Test
    void byStageByPeriodAndByOwnerEqualRunJson() {
        for (Row row : workbook.getSheet("By Stage")) {
            String stage = row.getCell(0).getStringCellValue();
            if (row.getRowNum() == 0 || stage.equals("Total")) {
                continue;
            }
            JsonNode line = runJson.stage(stage);
            assertThat(row.getCell(3).getCellFormula()).startsWith("COUNTIFS('Deals'!I:I,A" + (row.getRowNum() + 1));
            assertThat((long) row.getCell(3).getNumericCellValue()).isEqualTo(line.path("deals").asLong());
            assertThat(cents(row.getCell(6).getNumericCellValue()).toPlainString())
                    .isEqualTo(line.path("weighted").asText());
        }
        BigDecimal periodWeighted = BigDecimal.ZERO;
        Sheet byPeriod = workbook.getSheet("By Period");
        JsonNode periods = runJson.root().path("periods");
        assertThat(byPeriod.getRow(periods.size() + 1).getCell(0).getStringCellValue()).isEqualTo("Total");
        for (int i = 0; i < periods.size(); i++) {
            Row row = byPeriod.getRow(i + 1);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo(periods.get(i).path("period").asText());
            assertThat(cents(row.getCell(4).getNumericCellValue()).toPlainString())
                    .isEqualTo(periods.get(i).path("weighted").asText());
            periodWeighted = periodWeighted.add(cents(row.getCell(4).getNumericCellValue()));
        }
        assertThat(periodWeighted).isEqualTo(runJson.total("weightedAsReported"));
        // below: open deals by close month (a date range on the close dates), then by fiscal year
        int monthHeader = periods.size() + 3;
        assertThat(byPeriod.getRow(monthHeader).getCell(0).getStringCellValue()).isEqualTo("Close month");
        JsonNode months = runJson.root().path("months");
        for (int i = 0; i < months.size(); i++) {
            Row row = byPeriod.getRow(monthHeader + 1 + i);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo(months.get(i).path("month").asText());
            assertThat(row.getCell(2).getCellFormula()).contains("'Deals'!R:R,\">=\"&DATE(");
            assertThat((long) row.getCell(2).getNumericCellValue()).isEqualTo(months.get(i).path("deals").asLong());
            assertThat(cents(row.getCell(3).getNumericCellValue()).toPlainString())
                    .isEqualTo(months.get(i).path("amount").asText());
        }
        int yearHeader = monthHeader + months.size() + 2;
        assertThat(byPeriod.getRow(yearHeader).getCell(0).getStringCellValue()).isEqualTo("Fiscal year");
        JsonNode years = runJson.root().path("fiscalYears");
        assertThat(years.size()).isGreaterThan(1);
        BigDecimal yearsAmount = BigDecimal.ZERO;
        for (int i = 0; i < years.size(); i++) {
            Row row = byPeriod.getRow(yearHeader + 1 + i);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo(years.get(i).path("fiscalYear").asText());
            assertThat(cents(row.getCell(3).getNumericCellValue()).toPlainString())
                    .isEqualTo(years.get(i).path("amount").asText());
            yearsAmount = yearsAmount.add(cents(row.getCell(3).getNumericCellValue()));
        }
        assertThat(byPeriod.getLastRowNum()).isEqualTo(yearHeader + years.size());
        // every open deal with a close date is in one fiscal year: the years add up to the open pipeline less the
        // unscheduled deals
        BigDecimal unscheduled = BigDecimal.ZERO;
        for (JsonNode period : periods) {
            if (period.path("period").asText().equals("unscheduled")) {
                unscheduled = unscheduled.add(new BigDecimal(period.path("amount").asText()));
            }
        }
        assertThat(yearsAmount.add(unscheduled)).isEqualTo(runJson.total("openAmount"));
        Sheet byOwner = workbook.getSheet("By Owner");
        JsonNode owners = runJson.root().path("owners");
        for (int i = 0; i < owners.size(); i++) {
            Row row = byOwner.getRow(i + 1);
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo(owners.get(i).path("owner").asText());
            assertThat(cents(row.getCell(3).getNumericCellValue()).toPlainString())
                    .isEqualTo(owners.get(i).path("openAmount").asText());
            assertThat(cents(row.getCell(7).getNumericCellValue()).toPlainString())
                    .isEqualTo(owners.get(i).path("closedWon").asText());
        }
    }

    @Test
    void dealRowsCarryTypedValuesLiveWeightsAndTheExportsOtherColumns() {
        XSSFSheet deals = workbook.getSheet("Deals");
        Map<String, Integer> columns = WorkbookChecks.columns(deals);
        assertThat(deals.getLastRowNum()).isEqualTo(runJson.count("accepted"));
        assertThat(columns).containsKeys("Deal ID", "Claimed stage", "Evidenced stage", "Amount", "Amount (USD)",
                "Weighted as reported", "Weighted checklist-adjusted", "credit_checked", "satisfaction_confirmed");
        Row first = deals.getRow(1);
        assertThat(first.getCell(columns.get("Weighted as reported")).getCellFormula())
                .isEqualTo("IF(L2=\"lead\",0,ROUND(Q2*X2,2))");
        assertThat(first.getCell(columns.get("Deal name")).getStringCellValue()).isEqualTo("สยามเทค ต่อสัญญาบริการ 23/1/2570");
        assertThat(first.getCell(columns.get("interest_confirmed")).getStringCellValue()).isEqualTo("yes");
        Cell close = first.getCell(columns.get("Close date"));
        assertThat(close.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(DateUtil.isCellDateFormatted(close)).isTrue();
        assertThat(close.getLocalDateTimeCellValue().toLocalDate()).hasToString("2027-01-23");
        assertThat(first.getCell(columns.get("Close month")).getStringCellValue()).isEqualTo("2027-01");
        assertThat(first.getCell(columns.get("Fiscal year")).getStringCellValue()).isEqualTo("FY2027");
        assertThat(first.getCell(columns.get("Period")).getStringCellValue()).isEqualTo("later");
        assertThat(first.getCell(columns.get("Amount (USD)")).getCellStyle().getDataFormatString()).contains("USD");
        assertThat(first.getCell(columns.get("Amount")).getCellStyle().getDataFormatString()).contains("THB");
        assertThat(first.getCell(columns.get("Probability")).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
        for (Sheet sheet : workbook) {
            assertThat(sheet.getPaneInformation()).as(sheet.getSheetName()).isNotNull();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            if (!sheet.getSheetName().equals("Summary")) {
                // filterable: a table's own filter buttons, else the sheet's filter
                assertThat(((XSSFSheet) sheet).getCTWorksheet().isSetAutoFilter()
                        || !((XSSFSheet) sheet).getTables().isEmpty()).as(sheet.getSheetName()).isTrue();
            }
        }
    }

    @Test
    void textThatLooksLikeAFormulaStaysText() {
        XSSFSheet deals = workbook.getSheet("Deals");
        Map<String, Integer> columns = WorkbookChecks.columns(deals);
        Row injected = null;
        for (Row row : deals) {
            if (row.getRowNum() > 0 && row.getCell(columns.get("Deal ID")).getStringCellValue().equals("X-1")) {
                injected = row;
            }
        }
        assertThat(injected).isNotNull();
        Cell name = injected.getCell(columns.get("Deal name"));
        assertThat(name.getCellType()).isEqualTo(CellType.STRING);
        assertThat(name.getStringCellValue()).isEqualTo(INJECTED_NAME);
        assertThat(name.getCellStyle().getQuotePrefixed()).isTrue();
        for (String column : List.of("Account", "Owner", "Team")) {
            Cell cell = injected.getCell(columns.get(column));
            assertThat(cell.getCellType()).as(column).isEqualTo(CellType.STRING);
            assertThat(cell.getCellStyle().getQuotePrefixed()).as(column).isTrue();
        }
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.FORMULA) {
                        assertThat(cell.getCellFormula()).doesNotContain("HYPERLINK", "http");
                    }
                }
            }
        }
    }

    /**
     * The export's other columns reach the Deals sheet from the run's work folder, not from the history: the
     * snapshot holds none of them (the folder goes when a later run is published: HistoryRetentionFunctionalTest).
     */
    @Test
    void exportColumnsAreInTheWorkbookNotInTheHistory() {
        Sheet deals = workbook.getSheet("Deals");
        Row header = deals.getRow(0);
        int last = header.getLastCellNum() - 1;
        assertThat(header.getCell(last).getStringCellValue()).isNotBlank();
        long filled = 0;
        for (Row row : deals) {
            if (row.getRowNum() > 0 && row.getCell(last) != null && !row.getCell(last).getStringCellValue().isEmpty()) {
                filled++;
            }
        }
        assertThat(filled).isPositive();
        // no deal is kept in the database: the export's columns were read back from the run's work folder
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deal_snapshot WHERE run_id = ?", Long.class, runId))
                .isZero();
    }

    @Test
    void findingsRejectedAndMovementAreListed() {
        Sheet rejected = workbook.getSheet("Rejected");
        assertThat(rejected.getLastRowNum()).isEqualTo(runJson.count("rejected"));
        assertThat(rejected.getRow(1).getCell(4).getStringCellValue()).startsWith("NO_DEAL_ID");
        long findings = 0;
        for (JsonNode count : runJson.root().path("findings")) {
            findings += count.asLong();
        }
        assertThat(workbook.getSheet("Findings").getLastRowNum()).isEqualTo(findings);
        Sheet movement = workbook.getSheet("Movement");
        Row end = null;
        for (Row row : movement) {
            if (row.getCell(0) != null && row.getCell(0).getStringCellValue().startsWith("End:")) {
                end = row;
            }
        }
        assertThat(end).isNotNull();
        assertThat(end.getCell(2).getCellFormula()).startsWith("C2+SUM(C3:");
        // a first run lists no moved deals, and says why
        assertThat(movement.getRow(movement.getLastRowNum()).getCell(0).getStringCellValue())
                .startsWith("First run — no comparison");
        assertThat(cents(end.getCell(2).getNumericCellValue())).isEqualTo(runJson.total("weightedAsReported"));
    }

    @Test
    void dealFindingRejectedMovementAndQuotaRowsAreTables() {
        Map<String, String> tables = WorkbookChecks.checkTables(workbook);
        XSSFSheet deals = workbook.getSheet("Deals");
        String lastDealColumn = CellReference.convertNumToColString(deals.getRow(0).getLastCellNum() - 1);
        long findings = workbook.getSheet("Findings").getLastRowNum();
        int buckets = runJson.root().path("movement").path("buckets").size();
        assertThat(tables).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Deals", "Deals!A1:" + lastDealColumn + (runJson.count("accepted") + 1),
                "Findings", "Findings!A1:I" + (findings + 1),
                "Rejected", "Rejected!A1:E" + (runJson.count("rejected") + 1),
                // the start line and the buckets; the end line below sums them
                "Movement", "Movement!A1:C" + (buckets + 2),
                "Actions", "Actions!A1:J" + (runJson.root().path("actions").path("deals").asLong() + 1),
                "Quotas", "Quotas!A1:J" + (runJson.root().path("quotas").size() + 1)));
        assertThat(deals.getTables().get(0).getColumns()).hasSize(deals.getRow(0).getLastCellNum());
        Sheet movement = workbook.getSheet("Movement");
        assertThat(movement.getRow(buckets + 2).getCell(0).getStringCellValue()).startsWith("End");
    }

    @Test
    void everySheetPrintsLandscapeOneWideWithItsHeaderRepeated() {
        for (Sheet sheet : workbook) {
            WorkbookChecks.assertPrintSetup(sheet, 1);
            assertThat(((XSSFSheet) sheet).getFooter().getCenter()).as(sheet.getSheetName()).contains("&P", "&N");
        }
    }

    @Test
    void checklistCellsAreNormalisedBesideTheRawExportColumns() {
        XSSFSheet deals = workbook.getSheet("Deals");
        Map<String, Integer> columns = WorkbookChecks.columns(deals);
        assertThat(columns).containsKeys("Checklist: interest_confirmed", "Checklist: first_contact_date",
                "Checklist: satisfaction_confirmed").doesNotContainKey("Checklist: duplicate_checked");
        // the first deal: yes, ใช่ and ✓ are done; ไม่ and blank are not; a date after the run date is not done yet
        Row first = deals.getRow(1);
        Map<String, String> expected = Map.of("interest_confirmed", "yes", "agenda_sent", "ใช่",
                "tas_questions", "✓", "purchasing_process_identified", "ไม่", "credit_checked", "",
                "first_contact_date", "2026-09-14");
        expected.forEach((item, raw) -> {
            Cell rawCell = first.getCell(columns.get(item));
            assertThat(rawCell == null ? "" : rawCell.getStringCellValue()).as(item).isEqualTo(raw);
        });
        assertThat(text(first, columns.get("Checklist: interest_confirmed"))).isEqualTo("✓");
        assertThat(text(first, columns.get("Checklist: agenda_sent"))).isEqualTo("✓");
        assertThat(text(first, columns.get("Checklist: tas_questions"))).isEqualTo("✓");
        assertThat(first.getCell(columns.get("Checklist: purchasing_process_identified"))).isNull();
        assertThat(first.getCell(columns.get("Checklist: credit_checked"))).isNull();
        assertThat(first.getCell(columns.get("Checklist: first_contact_date"))).isNull();
        // every deal: a check mark only for a yes-like word, a blank for a no-like word or nothing
        int checks = 0;
        for (Row row : deals) {
            if (row.getRowNum() == 0) {
                continue;
            }
            for (Map.Entry<String, Integer> column : columns.entrySet()) {
                if (!column.getKey().startsWith("Checklist: ")) {
                    continue;
                }
                String item = column.getKey().substring("Checklist: ".length());
                String raw = text(row, columns.get(item));
                String normalised = text(row, column.getValue());
                String where = row.getRowNum() + " " + item + " '" + raw + "'";
                if (List.of("yes", "ใช่", "✓", "x", "ja", "是", "true").contains(raw.toLowerCase())) {
                    assertThat(normalised).as(where).isEqualTo("✓");
                    checks++;
                } else if (raw.isEmpty() || List.of("no", "ไม่", "nein", "否").contains(raw.toLowerCase())) {
                    assertThat(normalised).as(where).isEmpty();
                } else if (raw.matches("\\d{4}-\\d{2}-\\d{2}") && raw.compareTo("2025-06-30") > 0) {
                    assertThat(normalised).as(where).isEmpty();
                }
            }
        }
        assertThat(checks).isGreaterThan(1000);
    }

    @Test
    void fxRateBesideEachConvertedAmountIsTheRateItWasConvertedWith() throws IOException {
        Map<String, BigDecimal> rates = new java.util.HashMap<>(Map.of("USD", BigDecimal.ONE));
        for (String line : Files.readAllLines(TestRuns.SAMPLE_INPUT.resolve("fx-rates.csv")).subList(1, 5)) {
            rates.put(line.split(",")[0], new BigDecimal(line.split(",")[1]));
        }
        XSSFSheet deals = workbook.getSheet("Deals");
        Map<String, Integer> columns = WorkbookChecks.columns(deals);
        assertThat(columns.get("FX rate to USD")).isEqualTo(columns.get("Amount") + 1)
                .isEqualTo(columns.get("Amount (USD)") - 1);
        java.util.Set<String> currencies = new java.util.HashSet<>();
        for (Row row : deals) {
            if (row.getRowNum() == 0) {
                continue;
            }
            String currency = row.getCell(columns.get("Currency")).getStringCellValue();
            Cell rate = row.getCell(columns.get("FX rate to USD"));
            assertThat(BigDecimal.valueOf(rate.getNumericCellValue())).as(currency)
                    .isEqualByComparingTo(rates.get(currency));
            Cell amount = row.getCell(columns.get("Amount"));
            if (amount != null) {
                // the converted amount is the amount times the rate, rounded to the cent
                assertThat(cents(row.getCell(columns.get("Amount (USD)")).getNumericCellValue())).as(currency)
                        .isEqualTo(BigDecimal.valueOf(amount.getNumericCellValue()).multiply(rates.get(currency))
                                .setScale(2, java.math.RoundingMode.HALF_UP));
            }
            currencies.add(currency);
        }
        assertThat(currencies).contains("USD", "EUR", "THB", "CNY");
    }

    @Test
    void quotaMetIsAFormulaAndCoverageReadsAsInThePdf() {
        Sheet quotas = workbook.getSheet("Quotas");
        Map<String, Integer> columns = WorkbookChecks.columns(quotas);
        assertThat(columns.get("Quota met")).isEqualTo(columns.get("Attainment") + 1);
        JsonNode expected = runJson.root().path("quotas");
        int met = 0;
        for (int i = 0; i < expected.size(); i++) {
            Row row = quotas.getRow(i + 1);
            int r = i + 2;
            Cell quotaMet = row.getCell(columns.get("Quota met"));
            assertThat(quotaMet.getCellFormula()).isEqualTo("IF(D" + r + ">=C" + r + ",\"yes\",\"no\")");
            boolean isMet = new BigDecimal(expected.get(i).path("closedWon").asText())
                    .compareTo(new BigDecimal(expected.get(i).path("quota").asText())) >= 0;
            assertThat(quotaMet.getStringCellValue()).isEqualTo(isMet ? "yes" : "no");
            Cell coverage = row.getCell(columns.get("Coverage"));
            assertThat(coverage.getCellFormula()).startsWith("IF(I" + r + "=0,\"quota met\",");
            assertThat(coverage.getCellStyle().getDataFormatString()).isEqualTo("0.00\"x\"");
            if (isMet) {
                assertThat(coverage.getStringCellValue()).isEqualTo("quota met");
                met++;
            } else {
                assertThat(BigDecimal.valueOf(coverage.getNumericCellValue()))
                        .isEqualByComparingTo(expected.get(i).path("coverage").asText());
            }
        }
        assertThat(expected.size() - met).isPositive();
    }

    @Test
    void summaryShowsChecklistCoverageInThePdfsWords() {
        JsonNode coverage = runJson.root().path("checklistCoverage");
        Row row = null;
        for (Row candidate : workbook.getSheet("Summary")) {
            if (text(candidate, 0).equals("Checklist coverage")) {
                row = candidate;
            }
        }
        assertThat(row).isNotNull();
        long assessed = coverage.path("dealsAssessed").asLong();
        long all = assessed + coverage.path("dealsNotAssessed").asLong();
        assertThat(text(row, 1)).isEqualTo(coverage.path("itemsExported").asInt() + " of "
                + coverage.path("itemsInPlaybook").asInt() + " items; "
                + String.format("%,d of %,d deals", assessed, all));
        assertThat(text(row, 2)).isEqualTo(String.format("%d of %d checklist items exported; %,d of %,d open deals "
                + "assessed", coverage.path("itemsExported").asInt(), coverage.path("itemsInPlaybook").asInt(),
                assessed, all));
    }

    @Test
    void libreOfficeRecalculatesEveryFormulaToTheValueItCaches() throws Exception {
        java.nio.file.Path soffice = WorkbookChecks.soffice();
        org.junit.jupiter.api.Assumptions.assumeTrue(soffice != null, "LibreOffice (soffice) is not installed");
        assertThat(WorkbookChecks.recalculateWithLibreOffice(soffice, xlsx,
                Files.createTempDirectory(work, "libreoffice"))).isGreaterThan(2 * 319 + 50);
    }

    private static String text(Row row, int column) {
        Cell cell = row.getCell(column);
        return cell == null ? "" : cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : cell.toString();
    }
}
