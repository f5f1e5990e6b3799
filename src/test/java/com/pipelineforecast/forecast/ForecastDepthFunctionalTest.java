package com.pipelineforecast.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.pipelineforecast.history.DealStates;
import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/** Two nights of the same deals with known changes, and a history whose win rates are known. */
class ForecastDepthFunctionalTest extends JobTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    private MovementAnalyzer movements;

    @org.springframework.beans.factory.annotation.Autowired
    private com.pipelineforecast.history.RunDeals runDeals;

    @Test
    void aRunWhoseDealRecordsAreMissingFailsInsteadOfReadingNoDeals() throws IOException {
        Path folder = runOk(write("records-missing", HEADER + "R1,Records,Ann,East,Qualified,1000.00,2047-09-30\n"),
                "2047-07-07");
        assertThat(folder).isDirectory();
        long run = runId("2047-07-07");
        Path work = JobTestSupport.work.resolve("db").resolve("work").resolve("run-" + run);
        long[] deals = {0};
        runDeals.forEachDeal(run, deal -> deals[0]++);
        assertThat(deals[0]).isEqualTo(1);
        // an export with its rows but not its records (a run ingested by an earlier version)
        Path records;
        try (var files = Files.list(work)) {
            records = files.filter(f -> f.toString().endsWith(".deals")).findFirst().orElseThrow();
        }
        Path aside = Files.move(records, work.getParent().resolve("aside.deals"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runDeals.forEachDeal(run, deal -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("--rerun");
        // neither rows nor records, for a run that has deals
        try (var files = Files.list(work)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runDeals.forEachDeal(run, deal -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("deal records of run " + run);
        Files.delete(aside);
    }

    private long runId(String runDate) {
        return jdbc.queryForObject("SELECT MAX(run_id) FROM forecast_run WHERE run_date = CAST(? AS DATE) "
                + "AND status = 'PUBLISHED'", Long.class, runDate);
    }

    private static final String HEADER = "deal_id,deal_name,owner,team,stage,amount,close_date\n";

    @Test
    void secondNightSortsEveryDealIntoOneMovementBucketAndTheWaterfallBalancesToTheCent() throws IOException {
        Path night1 = write("night-1", HEADER
                + "W,Won tonight,Ann,East,Qualified,1000.10,2026-12-01\n"
                + "L,Lost tonight,Ann,East,Discovery,2000.20,2026-12-01\n"
                + "ADV,Advanced,Bob,East,Prospect,3000.30,2026-12-01\n"
                + "REG,Regressed,Bob,East,Proposed,4000.40,2026-12-01\n"
                + "SLIP,Slipped,Cy,West,Qualified,5000.50,2026-12-15\n"
                + "PULL,Pulled in,Cy,West,Qualified,6000.60,2027-05-01\n"
                + "UP,Amount up,Cy,West,Qualified,1000.00,2026-12-20\n"
                + "DOWN,Amount down,Cy,West,Qualified,2000.00,2026-12-20\n"
                + "REM,Removed,Dee,West,Developed,7000.70,2026-12-20\n"
                + "SAME,Unchanged,Dee,West,Qualified,8000.80,2026-12-20\n");
        Path night2 = write("night-2", HEADER
                + "NEW,New tonight,Ann,East,Discovery,9000.90,2026-12-05\n"
                + "W,Won tonight,Ann,East,Closed won,1000.10,2026-11-21\n"
                + "L,Lost tonight,Ann,East,Closed lost,2000.20,2026-11-21\n"
                + "ADV,Advanced,Bob,East,Discovery,3000.30,2026-12-01\n"
                + "REG,Regressed,Bob,East,Qualified,4000.40,2026-12-01\n"
                + "SLIP,Slipped,Cy,West,Qualified,5000.50,2027-02-15\n"
                + "PULL,Pulled in,Cy,West,Qualified,6000.60,2026-12-20\n"
                + "UP,Amount up,Cy,West,Qualified,1500.00,2026-12-20\n"
                + "DOWN,Amount down,Cy,West,Qualified,1200.00,2026-12-20\n"
                + "SAME,Unchanged,Dee,West,Qualified,8000.80,2026-12-20\n");
        Files.writeString(night2.resolve("quotas.csv"), "owner_or_team,period,amount\nAnn,FY2026 Q4,5000\n"
                + "West,FY2026,100000\n");

        RunJson first = RunJson.read(runOk(night1, "2026-11-20"));
        Path secondFolder = runOk(night2, "2026-11-21");
        RunJson second = RunJson.read(secondFolder);

        JsonNode movement = second.root().path("movement");
        assertThat(movement.path("previousRunDate").asText()).isEqualTo("2026-11-20");
        BigDecimal start = money(movement.path("startWeighted"));
        BigDecimal end = money(movement.path("endWeighted"));
        assertThat(start).isEqualTo(first.total("weightedAsReported"));
        assertThat(end).isEqualTo(second.total("weightedAsReported"));
        Map<String, BigDecimal> change = new HashMap<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode bucket : movement.path("buckets")) {
            assertThat(bucket.path("deals").asLong()).as(bucket.path("bucket").asText()).isEqualTo(1);
            change.put(bucket.path("bucket").asText(), money(bucket.path("weightedChange")));
            sum = sum.add(money(bucket.path("weightedChange")));
        }
        assertThat(start.add(sum)).isEqualTo(end);
        assertThat(change).containsEntry("new", new BigDecimal("3600.36"))          // 9000.90 × 40 %
                .containsEntry("won", new BigDecimal("-200.02"))                    // was 1000.10 × 20 %
                .containsEntry("lost", new BigDecimal("-800.08"))                   // was 2000.20 × 40 %
                .containsEntry("advanced", new BigDecimal("900.09"))                // 3000.30 × (40 − 10) %
                .containsEntry("regressed", new BigDecimal("-2400.24"))             // 4000.40 × (20 − 80) %
                .containsEntry("slipped", new BigDecimal("0.00"))
                .containsEntry("pulled_in", new BigDecimal("0.00"))
                .containsEntry("amount_up", new BigDecimal("100.00"))
                .containsEntry("amount_down", new BigDecimal("-160.00"))
                .containsEntry("removed", new BigDecimal("-4200.42"))               // was 7000.70 × 60 %
                .containsEntry("unchanged", new BigDecimal("0.00"));

        // the deals behind each bucket, each listed once with before and after
        Map<String, String> listed = new HashMap<>();
        for (JsonNode deal : movement.path("deals")) {
            assertThat(listed.put(deal.path("dealId").asText(), deal.path("bucket").asText())).isNull();
            BigDecimal before = deal.path("weightedBefore").isNull() ? BigDecimal.ZERO : money(deal.path("weightedBefore"));
            BigDecimal after = deal.path("weightedAfter").isNull() ? BigDecimal.ZERO : money(deal.path("weightedAfter"));
            assertThat(money(deal.path("change"))).isEqualTo(after.subtract(before));
        }
        assertThat(listed).containsEntry("W", "won").containsEntry("REM", "removed").containsEntry("NEW", "new")
                .containsEntry("SLIP", "slipped").hasSize(10).doesNotContainKey("SAME");
        JsonNode won = java.util.stream.StreamSupport.stream(movement.path("deals").spliterator(), false)
                .filter(d -> d.path("dealId").asText().equals("W")).findFirst().orElseThrow();
        assertThat(won.path("stageBefore").asText()).isEqualTo("qualified");
        assertThat(won.path("stageAfter").asText()).isEqualTo("closed_won");

        // the stage dates each deal carries from the night before: a deal that stayed keeps its date, one that
        // moved starts again tonight; the stages it has been seen at add up; a closed deal is closed since tonight
        Map<String, DealStates.State> kept = new HashMap<>();
        keptDeals("2026-11-21").forEach(d -> kept.put(d.id(), d));
        assertThat(kept.get("SAME").stageSince()).isEqualTo("2026-11-20");
        assertThat(kept.get("REG").stageSince()).isEqualTo("2026-11-21");
        assertThat(kept.get("NEW").stageSince()).isEqualTo("2026-11-21");
        assertThat(Long.bitCount(kept.get("REG").stagesSeen())).isEqualTo(2);
        assertThat(kept.get("REG").stagesSeen()).isEqualTo(keptDeals("2026-11-20").stream()
                .filter(d -> d.id().equals("REG")).findFirst().orElseThrow().stagesSeen()
                | kept.get("SAME").stagesSeen());
        assertThat(kept.get("W").closedSince()).isEqualTo("2026-11-21");
        assertThat(kept.get("SAME").closedSince()).isNull();
        assertThat(second.root().path("aging").findValues("maxDays")).extracting(JsonNode::asInt).contains(1);

        // the previous night read from its sorted state file, for the night and for one team; once that file is gone,
        // the comparison fails naming the run rather than counting every deal as new
        long firstRun = runId("2026-11-20");
        long secondRun = runId("2026-11-21");
        Path previousStates = work.resolve("db").resolve("state").resolve("run-" + firstRun + ".states");
        assertThat(previousStates).isRegularFile();
        MovementAnalyzer.Result fromFile = movements.movement(secondRun, firstRun, "2026-11-20", 20);
        MovementAnalyzer.Result westFromFile = movements.movement(secondRun, firstRun, "2026-11-20", 20, "West");
        assertThat(fromFile.movement().buckets()).extracting(ForecastAnalysis.MovementBucket::deals)
                .containsExactly(1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L);
        List<DealStates.State> previousDeals = keptDeals("2026-11-20");
        Files.delete(previousStates);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> movements.movement(secondRun, firstRun,
                "2026-11-20", 20)).hasMessageContaining("the deal states of run " + firstRun);
        // a run of an earlier version kept its deals as snapshot rows: its state file is made from them
        for (DealStates.State d : previousDeals) {
            jdbc.update("""
                    INSERT INTO deal_snapshot (run_id, file_name, line_no, deal_id, deal_name, owner_name, team,
                        claimed_stage, claimed_order, evidenced_stage, evidenced_order, dup_key, category, is_open,
                        is_won, is_lead, currency, amount_reporting, close_date, close_quarter, stage_since,
                        stages_seen, closed_since, probability, evidenced_probability, weighted_reported,
                        weighted_adjusted, finding_count)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'pipeline',?,?,?,'USD',?,?,?,?,?,?,0,0,?,0,0)""", firstRun,
                    d.file(), d.line(), d.id(), d.dealName(), d.owner(), d.team(), d.stage(), d.order(), d.stage(),
                    d.order(), d.duplicateKey(), d.open(), d.won(), d.lead(), d.amount(),
                    d.closeDate() == null ? null : java.sql.Date.valueOf(d.closeDate()),
                    d.quarter() == DealStates.NO_QUARTER ? null : d.quarter(),
                    d.stageSince() == null ? null : java.sql.Date.valueOf(d.stageSince()), d.stagesSeen(),
                    d.closedSince() == null ? null : java.sql.Date.valueOf(d.closedSince()), d.weight());
        }
        assertThat(movements.movement(secondRun, firstRun, "2026-11-20", 20)).isEqualTo(fromFile);
        assertThat(movements.movement(secondRun, firstRun, "2026-11-20", 20, "West")).isEqualTo(westFromFile);
        // the same deals, values and stage dates as the file the run had written itself
        assertThat(keptDeals("2026-11-20")).isEqualTo(previousDeals);
        assertThat(westFromFile.movement().buckets()).extracting(ForecastAnalysis.MovementBucket::deals)
                .containsExactly(0L, 0L, 0L, 0L, 0L, 1L, 1L, 1L, 1L, 1L, 1L);
        try (var in = Files.newInputStream(secondFolder.resolve("pipeline.xlsx"));
                var workbook = org.apache.poi.ss.usermodel.WorkbookFactory.create(in)) {
            var sheet = workbook.getSheet("Movement");
            Map<String, String> rows = new HashMap<>();
            for (var row : sheet) {
                var id = row.getCell(1);
                if (id != null && row.getCell(10) != null
                        && row.getCell(10).getCellType() == org.apache.poi.ss.usermodel.CellType.FORMULA) {
                    assertThat(rows.put(id.getStringCellValue(), row.getCell(0).getStringCellValue())).isNull();
                    int r = row.getRowNum() + 1;
                    assertThat(row.getCell(10).getCellFormula()).isEqualTo("J" + r + "-I" + r);
                }
            }
            assertThat(rows).hasSize(10).containsEntry("W", "won").containsEntry("PULL", "pulled in");
        }

        // periods: the current quarter (calendar FY2026 Q4) and the next four, each stage beneath
        assertThat(second.root().path("currentQuarter").asText()).isEqualTo("FY2026 Q4");
        assertThat(periodDeals(second, "FY2026 Q4", "qualified")).isEqualTo(5);
        assertThat(periodDeals(second, "FY2027 Q1", "qualified")).isEqualTo(1);
        assertThat(second.root().path("periods")).extracting(p -> p.path("period").asText()).contains("FY2027 Q2",
                "FY2027 Q3", "FY2027 Q4");

        // close months: every month of the five quarters; fiscal years: every year with an open deal
        JsonNode months = second.root().path("months");
        assertThat(months).hasSize(15);
        assertThat(months.get(0).path("month").asText()).isEqualTo("2026-10");
        assertThat(months.get(0).path("fiscalQuarter").asText()).isEqualTo("FY2026 Q4");
        assertThat(months.get(14).path("month").asText()).isEqualTo("2027-12");
        assertThat(month(second, "2026-12").path("deals").asLong()).isEqualTo(7);
        assertThat(money(month(second, "2026-12").path("amount"))).isEqualTo(new BigDecimal("32703.00"));
        assertThat(money(month(second, "2027-02").path("amount"))).isEqualTo(new BigDecimal("5000.50"));
        assertThat(month(second, "2026-11").path("deals").asLong()).isZero();
        assertThat(second.root().path("fiscalYears")).extracting(y -> y.path("fiscalYear").asText() + " "
                + y.path("deals").asLong() + " " + y.path("amount").asText())
                .containsExactly("FY2026 7 32703.00", "FY2027 1 5000.50");

        // owners and teams, with the team's owners beneath
        JsonNode east = team(second, "East");
        assertThat(east.path("owners")).extracting(JsonNode::asText).containsExactly("Ann", "Bob");
        assertThat(money(east.path("closedWon"))).isEqualTo(new BigDecimal("1000.10"));
        assertThat(money(east.path("weighted"))).isEqualTo(new BigDecimal("5600.56")); // 3600.36 + 1200.12 + 800.08
        assertThat(east.path("openDeals").asLong()).isEqualTo(3);

        // stage aging: deals at the same stage as last night have been there a day; ADV arrived tonight
        JsonNode qualified = aging(second, "qualified");
        assertThat(qualified.path("maxDays").asLong()).isEqualTo(1);
        assertThat(aging(second, "discovery").path("maxDays").asLong()).isZero();

        // quotas: Ann won 1,000.10 of 5,000 this quarter; West has 16,701.40 open closing in FY2026 (SLIP moved out)
        JsonNode ann = second.root().path("quotas").get(0);
        assertThat(money(ann.path("closedWon"))).isEqualTo(new BigDecimal("1000.10"));
        assertThat(money(ann.path("remaining"))).isEqualTo(new BigDecimal("3999.90"));
        assertThat(new BigDecimal(ann.path("attainment").asText())).isEqualByComparingTo("0.2000");
        JsonNode west = second.root().path("quotas").get(1);
        assertThat(money(west.path("openPipeline"))).isEqualTo(new BigDecimal("16701.40"));
        assertThat(new BigDecimal(west.path("coverage").asText()))
                .isEqualByComparingTo(new BigDecimal("16701.40").divide(new BigDecimal("100000"), 4, RoundingMode.HALF_UP));
    }

    @Test
    void calibrationFindsTheWinRatesOfAKnownHistoryAndWeighsWithThemWhenEnoughDealsBackThem() throws IOException {
        StringBuilder open = new StringBuilder(HEADER);
        StringBuilder closed = new StringBuilder(HEADER);
        for (int i = 1; i <= 10; i++) {
            open.append("Q").append(i).append(",Deal,Ann,East,Qualified,1000,2026-12-01\n");
            closed.append("Q").append(i).append(",Deal,Ann,East,").append(i <= 3 ? "Closed won" : "Closed lost")
                    .append(",1000,2026-06-01\n");
        }
        for (int i = 1; i <= 4; i++) {
            open.append("P").append(i).append(",Deal,Ann,East,Proposed,1000,2026-12-01\n");
            closed.append("P").append(i).append(",Deal,Ann,East,").append(i <= 3 ? "Closed won" : "Closed lost")
                    .append(",1000,2026-06-01\n");
        }
        runOk(write("history-a", open.toString()), "2026-05-01");
        runOk(write("history-b", closed.toString()), "2026-06-01");
        Path tonight = write("history-c", HEADER + "N1,New,Ann,East,Qualified,1000,2026-12-01\n"
                + "N2,New,Ann,East,Proposed,1000,2026-12-01\n");
        RunOutcome outcome = run(TestRuns.options(tonight, reports(), "2026-07-01", 100)
                .withForecasting(1, "calibrated", 5));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCESS);
        RunJson run = RunJson.read(outcome.reportFolder());

        JsonNode qualified = calibration(run, "qualified");
        assertThat(qualified.path("deals").asLong()).isEqualTo(10);
        assertThat(qualified.path("won").asLong()).isEqualTo(3);
        assertThat(new BigDecimal(qualified.path("observedRate").asText())).isEqualByComparingTo("0.30");
        double[] wilson = wilson(3, 10);
        assertThat(Double.parseDouble(qualified.path("low").asText())).isCloseTo(wilson[0], org.assertj.core.data.Offset.offset(0.0001));
        assertThat(Double.parseDouble(qualified.path("high").asText())).isCloseTo(wilson[1], org.assertj.core.data.Offset.offset(0.0001));
        assertThat(qualified.path("used").asBoolean()).isTrue();
        JsonNode proposed = calibration(run, "proposed");
        assertThat(proposed.path("deals").asLong()).isEqualTo(4);
        assertThat(new BigDecimal(proposed.path("observedRate").asText())).isEqualByComparingTo("0.75");
        assertThat(proposed.path("used").asBoolean()).isFalse();
        // qualified weighs 30 % (observed, 10 deals), proposed keeps the playbook's 80 % (4 deals < 5)
        assertThat(run.stage("qualified").path("weighted").asText()).isEqualTo("300.00");
        assertThat(run.stage("qualified").path("probability").asText()).isEqualTo("0.30");
        assertThat(run.stage("proposed").path("weighted").asText()).isEqualTo("800.00");
        assertThat(run.total("weightedAsReported")).isEqualByComparingTo("1100.00");
    }

    /** 95 % Wilson score interval, written out independently of the job's code. */
    private static double[] wilson(int won, int n) {
        double p = (double) won / n;
        double z = 1.959963984540054;
        double center = p + z * z / (2 * n);
        double margin = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        double denominator = 1 + z * z / n;
        return new double[] {(center - margin) / denominator, (center + margin) / denominator};
    }

    @Test
    void forecastTrendAndAccuracyFromTheHistoryOfCalls() throws IOException {
        // FY2041 Q1 ends on 2041-03-31; its forecasts are judged at 90, 60 and 30 days out: the last runs on or
        // before 2040-12-31, 2041-01-30 and 2041-03-01. D1 claims proposed but its checklist supports only
        // qualified; in the end only D2 (10,000.00) is won in the quarter.
        String header = "deal_id,deal_name,owner,team,stage,amount,close_date,opportunity_confirmed\n";
        String open = header
                + "D1,Proposed but unproven,Ann,East,Proposed,10000.00,2041-03-15,no\n"
                + "D2,Qualified,Ann,East,Qualified,10000.00,2041-03-15,yes\n"
                + "D3,Developed,Bob,East,Developed,10000.00,2041-03-15,yes\n";
        runOk(write("trend-a", open), "2040-12-30");
        runOk(write("trend-b", open), "2041-01-29");
        RunJson c = RunJson.read(runOk(write("trend-c", header
                + "D1,Proposed but unproven,Ann,East,Proposed,10000.00,2041-03-15,no\n"
                + "D2,Qualified,Ann,East,Closed won,10000.00,2041-03-15,yes\n"
                + "D3,Developed,Bob,East,Developed,10000.00,2041-03-15,yes\n"), "2041-02-28"));
        RunJson d = RunJson.read(runOk(write("trend-d", header
                + "D1,Proposed but unproven,Ann,East,Closed lost,10000.00,2041-03-15,no\n"
                + "D2,Qualified,Ann,East,Closed won,10000.00,2041-03-15,yes\n"
                + "D3,Developed,Bob,East,Closed lost,10000.00,2041-03-15,yes\n"), "2041-04-02"));

        // the trend of FY2041 Q1 on 2041-02-28: the first two nights called it as the next quarter
        JsonNode trend = c.root().path("trend");
        assertThat(trend.findValuesAsText("runDate")).containsExactly("2040-12-30", "2041-01-29", "2041-02-28");
        // as reported 8,000 + 2,000 + 6,000; checklist-adjusted D1 at qualified: 2,000 + 2,000 + 6,000
        assertThat(trend.findValuesAsText("forecastAsReported")).containsExactly("16000.00", "16000.00", "24000.00");
        assertThat(trend.findValuesAsText("forecastChecklistAdjusted")).containsExactly("10000.00", "10000.00",
                "18000.00");

        JsonNode accuracy = d.root().path("accuracy");
        assertThat(accuracy.path("quarter").asText()).isEqualTo("FY2041 Q1");
        assertThat(money(accuracy.path("actualClosedWon"))).isEqualTo(new BigDecimal("10000.00"));
        assertThat(accuracy.path("horizons").findValuesAsText("runDate")).containsExactly("2040-12-30", "2041-01-29",
                "2041-02-28");
        assertThat(accuracy.path("horizons").findValuesAsText("errorAsReported")).containsExactly("6000.00",
                "6000.00", "14000.00");
        assertThat(accuracy.path("horizons").findValuesAsText("errorChecklistAdjusted")).containsExactly("0.00",
                "0.00", "8000.00");
        assertThat(accuracy.path("horizons").findValuesAsText("closer")).containsOnly("checklist-adjusted");
        assertThat(accuracy.path("summary").asText()).isEqualTo("the checklist-adjusted forecast came closer at 3 of "
                + "3 points");
        // FY2040 Q4 was called only the day before it ended: no run was 30 days or more out
        assertThat(c.root().path("accuracy").path("quarter").asText()).isEqualTo("FY2040 Q4");
        assertThat(c.root().path("accuracy").path("horizons").findValuesAsText("runDate")).containsOnly("null");
        assertThat(c.root().path("accuracy").path("summary").asText()).startsWith("no run was 30 days or more");
    }

    private Path runOk(Path input, String runDate) throws IOException {
        RunOutcome outcome = run(TestRuns.options(input, reports(), runDate, 100));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        return outcome.reportFolder();
    }

    private static Path write(String name, String csv) throws IOException {
        Path folder = Files.createDirectories(work.resolve(name));
        Files.writeString(folder.resolve("deals.csv"), csv);
        return folder;
    }

    private static long periodDeals(RunJson run, String period, String stage) {
        for (JsonNode line : run.root().path("periods")) {
            if (line.path("period").asText().equals(period) && line.path("stage").asText().equals(stage)) {
                return line.path("deals").asLong();
            }
        }
        return 0;
    }

    private static JsonNode team(RunJson run, String name) {
        for (JsonNode team : run.root().path("teams")) {
            if (team.path("team").asText().equals(name)) {
                return team;
            }
        }
        throw new AssertionError("no team " + name);
    }

    private static JsonNode aging(RunJson run, String stage) {
        for (JsonNode line : run.root().path("aging")) {
            if (line.path("stage").asText().equals(stage)) {
                return line;
            }
        }
        throw new AssertionError("no aging line for " + stage);
    }

    @Test
    void aFiscalYearStartingInAprilPutsMarchAndAprilInDifferentYears() throws IOException {
        Path input = write("fiscal-april", HEADER
                + "MAR,Last day of FY2026,Ann,East,Qualified,100,2026-03-31\n"
                + "APR,First day of FY2027,Ann,East,Qualified,200,2026-04-01\n"
                + "END,Last day of FY2027,Ann,East,Qualified,400,2027-03-31\n"
                + "NEXT,First day of FY2028,Ann,East,Qualified,800,2027-04-01\n"
                + "NONE,Unscheduled,Ann,East,Qualified,1600,\n");
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2026-03-15", 100)
                .withForecasting(4, "playbook", 20));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        RunJson run = RunJson.read(outcome.reportFolder());

        assertThat(run.root().path("fiscalYearStart").asInt()).isEqualTo(4);
        assertThat(run.root().path("currentQuarter").asText()).isEqualTo("FY2026 Q4");
        assertThat(periodDeals(run, "FY2026 Q4", "qualified")).isEqualTo(1);
        assertThat(periodDeals(run, "FY2027 Q1", "qualified")).isEqualTo(1);
        assertThat(periodDeals(run, "FY2027 Q4", "qualified")).isEqualTo(1);
        assertThat(periodDeals(run, "later", "qualified")).isEqualTo(1);
        assertThat(periodDeals(run, "unscheduled", "qualified")).isEqualTo(1);
        assertThat(month(run, "2026-03").path("fiscalQuarter").asText()).isEqualTo("FY2026 Q4");
        assertThat(month(run, "2026-04").path("fiscalQuarter").asText()).isEqualTo("FY2027 Q1");
        assertThat(month(run, "2027-03").path("fiscalQuarter").asText()).isEqualTo("FY2027 Q4");
        assertThat(run.root().path("months")).extracting(m -> m.path("month").asText()).doesNotContain("2027-04");
        assertThat(run.root().path("fiscalYears")).extracting(y -> y.path("fiscalYear").asText() + " "
                + y.path("amount").asText()).containsExactly("FY2026 100.00", "FY2027 600.00", "FY2028 800.00");
    }

    private static JsonNode month(RunJson run, String month) {
        for (JsonNode line : run.root().path("months")) {
            if (line.path("month").asText().equals(month)) {
                return line;
            }
        }
        throw new AssertionError("no month " + month);
    }

    private static JsonNode calibration(RunJson run, String stage) {
        for (JsonNode line : run.root().path("calibration")) {
            if (line.path("stage").asText().equals(stage)) {
                return line;
            }
        }
        throw new AssertionError("no calibration line for " + stage);
    }

    private static BigDecimal money(JsonNode node) {
        return new BigDecimal(node.asText());
    }
}
