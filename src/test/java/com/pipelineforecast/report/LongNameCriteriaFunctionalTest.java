package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.TestRuns;

/**
 * Owner and team names over 255 characters never become a SUMIFS/COUNTIFS criterion (Excel answers one over 255
 * characters with #VALUE!): their By Owner and Quotas figures select the deals by a short key of the name on the
 * deal sheet, exactly — a second owner sharing the first 290 characters is not counted — and recalculate, with
 * POI and with LibreOffice where installed, to the cached value.
 */
class LongNameCriteriaFunctionalTest extends JobTestSupport {

    private static final String LONG_OWNER = pad("Ångström-Müller *?~ \"Anna\" ", 300, "owner");
    /** Shares the first 290 characters of the long owner: a prefix wildcard would count her deals too. */
    private static final String TWIN_OWNER = LONG_OWNER.substring(0, 290) + "other-twin";
    private static final String LONG_TEAM = pad("Team ", 300, "team");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"]|\"\")*)\"");

    @Test
    void longOwnerAndTeamNamesAreMatchedExactlyWithoutAnOverlongCriterion() throws Exception {
        Path input = Files.createDirectories(work.resolve("long-names-input"));
        Files.copy(TestRuns.SAMPLE_INPUT.resolve("fx-rates.csv"), input.resolve("fx-rates.csv"));
        StringBuilder csv = new StringBuilder("deal_id,deal_name,account,owner,team,stage,amount,currency,close_date\n");
        csv.append(row("L-1", LONG_OWNER, LONG_TEAM, "proposed", "1000.00", "2037-05-10"));
        csv.append(row("L-2", LONG_OWNER, LONG_TEAM, "qualified", "2500.50", "2037-06-20"));
        csv.append(row("L-3", LONG_OWNER, "", "closed_won", "700.25", "2037-04-15"));
        csv.append(row("T-1", TWIN_OWNER, LONG_TEAM, "proposed", "9000.00", "2037-05-11"));
        csv.append(row("T-2", TWIN_OWNER, "", "closed_won", "333.00", "2037-05-12"));
        csv.append(row("B-1", "Bob", LONG_TEAM, "developed", "400.00", "2037-05-13"));
        Files.writeString(input.resolve("deals.csv"), csv);
        Files.writeString(input.resolve("quotas.csv"), "owner_or_team,period,amount\n"
                + quoted(LONG_OWNER) + ",FY2037,5000\n" + quoted(LONG_TEAM) + ",FY2037 Q2,20000\n");

        RunOutcome outcome = run(TestRuns.options(input, reports(), "2037-04-01", 100));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        Path xlsx = outcome.reportFolder().resolve("pipeline.xlsx");

        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            int formulas = 0;
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        if (cell.getCellType() == CellType.FORMULA) {
                            formulas++;
                            for (String literal : literals(cell.getCellFormula())) {
                                assertThat(literal.length()).as("a text in %s", WorkbookChecks.where(cell))
                                        .isLessThanOrEqualTo(255);
                            }
                        }
                    }
                }
            }
            assertThat(formulas).isPositive();
            XSSFFormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();

            Sheet byOwner = workbook.getSheet("By Owner");
            Row longOwner = rowOf(byOwner, 1, LONG_OWNER, 0, LONG_TEAM);
            Row bob = rowOf(byOwner, 1, "Bob", 0, LONG_TEAM);
            // selected by the owner's and team's keys on the deal sheet, not by the names themselves
            Map<String, Integer> columns = WorkbookChecks.columns(workbook.getSheet("Deals"));
            String ownerKey = "'Deals'!" + letter(columns.get("Owner key"));
            String teamKey = "'Deals'!" + letter(columns.get("Team key"));
            String owner = "'Deals'!" + letter(columns.get("Owner"));
            String team = "'Deals'!" + letter(columns.get("Team"));
            assertThat(longOwner.getCell(3).getCellFormula()).contains(ownerKey, teamKey).doesNotContain(owner, team);
            assertThat(bob.getCell(3).getCellFormula()).contains(owner, teamKey).doesNotContain(ownerKey);
            assertThat(value(evaluator, longOwner.getCell(2))).isEqualByComparingTo("2");
            assertThat(value(evaluator, longOwner.getCell(3))).isEqualByComparingTo("3500.50");
            assertThat(value(evaluator, longOwner.getCell(4))).isEqualByComparingTo("1300.10"); // 800 + 500.10
            Row longOwnerNoTeam = rowOf(byOwner, 1, LONG_OWNER, 0, "(no team)");
            assertThat(value(evaluator, longOwnerNoTeam.getCell(6))).isEqualByComparingTo("1");
            assertThat(value(evaluator, longOwnerNoTeam.getCell(7))).isEqualByComparingTo("700.25");
            Row twin = rowOf(byOwner, 1, TWIN_OWNER, 0, LONG_TEAM);
            assertThat(value(evaluator, twin.getCell(3))).isEqualByComparingTo("9000.00");
            assertThat(value(evaluator, bob.getCell(3))).isEqualByComparingTo("400.00");

            Sheet quotas = workbook.getSheet("Quotas");
            Row ownerQuota = rowOf(quotas, 0, LONG_OWNER, 0, LONG_OWNER);
            assertThat(value(evaluator, ownerQuota.getCell(3))).as("closed won").isEqualByComparingTo("700.25");
            assertThat(value(evaluator, ownerQuota.getCell(6))).as("open pipeline").isEqualByComparingTo("3500.50");
            Row teamQuota = rowOf(quotas, 0, LONG_TEAM, 0, LONG_TEAM);
            // FY2037 Q2 is April to June 2037: L-1, L-2, T-1 and B-1 of the team
            assertThat(value(evaluator, teamQuota.getCell(6))).as("open pipeline").isEqualByComparingTo("12900.50");

            assertThat(WorkbookChecks.recalculateEveryFormula(workbook)).isEqualTo(formulas);
        }
        Path soffice = WorkbookChecks.soffice();
        if (soffice != null) {
            assertThat(WorkbookChecks.recalculateWithLibreOffice(soffice, xlsx,
                    Files.createDirectories(work.resolve("long-names-soffice")))).isPositive();
        }
    }

    /** A column's letters as a whole-column range's ends, e.g. {@code AE:AE}. */
    private static String letter(Integer column) {
        assertThat(column).isNotNull();
        String letters = org.apache.poi.ss.util.CellReference.convertNumToColString(column);
        return letters + ":" + letters;
    }

    private static BigDecimal value(XSSFFormulaEvaluator evaluator, Cell cell) {
        assertThat(cell.getCellType()).as(WorkbookChecks.where(cell)).isEqualTo(CellType.FORMULA);
        BigDecimal evaluated = WorkbookChecks.cents(evaluator.evaluate(cell).getNumberValue());
        assertThat(evaluated).as("POI's result equals the cached value of " + WorkbookChecks.where(cell) + " " + cell.getCellFormula())
                .isEqualTo(WorkbookChecks.cents(cell.getNumericCellValue()));
        return evaluated;
    }

    private static Row rowOf(Sheet sheet, int column, String value, int otherColumn, String other) {
        for (Row row : sheet) {
            if (row.getCell(column) != null && row.getCell(column).getCellType() == CellType.STRING
                    && value.equals(row.getCell(column).getStringCellValue())
                    && other.equals(row.getCell(otherColumn).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row of " + sheet.getSheetName() + " names " + value.substring(0, 20) + "…");
    }

    private static List<String> literals(String formula) {
        List<String> literals = new ArrayList<>();
        Matcher matcher = STRING_LITERAL.matcher(formula);
        while (matcher.find()) {
            literals.add(matcher.group(1).replace("\"\"", "\""));
        }
        return literals;
    }

    private static String row(String id, String owner, String team, String stage, String amount, String close) {
        return String.join(",", id, "Deal " + id, "Account " + id, quoted(owner), quoted(team), stage, amount, "USD",
                close) + "\n";
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String pad(String start, int length, String word) {
        StringBuilder text = new StringBuilder(start);
        int i = 0;
        while (text.length() < length) {
            text.append(word).append(' ').append(i++).append(' ');
        }
        return text.substring(0, length);
    }
}
