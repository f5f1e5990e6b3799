package com.pipelineforecast.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/** Checklists through the whole job: real exports, custom playbooks, duplicates across nights. */
class ChecklistFunctionalTest extends JobTestSupport {

    @Test
    void salesforceExportsProbabilitiesThatContradictTheirStages() throws Exception {
        Path input = Files.createDirectories(work.resolve("salesforce"));
        Files.copy(resource("salesforce/Opportunity.csv"), input.resolve("Opportunity.csv"));
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2024-01-22", 20)
                .withPlaybook(resource("salesforce/salesforce-stages.yml").toString()));

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCESS);
        RunJson runJson = RunJson.read(outcome.reportFolder());
        assertThat(runJson.count("read")).isEqualTo(50);
        assertThat(runJson.count("accepted")).isEqualTo(50);
        List<CSVRecord> mismatches = findings(outcome.reportFolder(), "PROBABILITY_MISMATCH");
        // Negotiation, Proposal/Quote and Discovery rows say 0 %; Qualification (10 %) and closed deals agree
        assertThat(mismatches).hasSize(9 + 8 + 9);
        assertThat(mismatches).extracting(r -> r.get("stage")).containsOnly("negotiation", "proposal", "discovery");
        assertThat(mismatches).filteredOn(r -> r.get("stage").equals("negotiation"))
                .allSatisfy(r -> assertThat(r.get("message")).isEqualTo("the CRM says 0 %, stage negotiation has 90 %"));
        assertThat(runJson.root().path("findings").path("PROBABILITY_MISMATCH").asLong()).isEqualTo(26);
        assertThat(runJson.stage("closed_won").path("deals").asLong()).isEqualTo(12);
    }

    @Test
    void brokenCustomPlaybookStopsTheRunWithExitCode2NamingFileAndLine() throws IOException {
        Path playbook = work.resolve("broken-playbook.yml");
        Files.writeString(playbook, "id: broken\nstages:\n  - id: a\n    probability: 0.1\n  - id: b\n"
                + "    probability: 1.4\n");
        RunOutcome outcome = run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports(), "2026-11-29", 100)
                .withPlaybook(playbook.toString()));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.BAD_OPTIONS);
        assertThat(outcome.message()).isEqualTo(playbook + ":6: probability of stage 'b' must be between 0 and 1, "
                + "found 1.4");
        assertThat(reports().resolve("2026-11-29")).doesNotExist();
    }

    @Test
    void dealRecreatedUnderANewIdIsADuplicateOfYesterdaysDealAndLosesItsEvidence() throws IOException {
        String header = "deal_id,deal_name,account,stage,amount,close_date,credit_checked,interest_confirmed,"
                + "meets_basic_criteria,first_contact_date,meeting_scheduled\n";
        String done = ",yes,yes,yes,2026-09-01,yes\n";
        Path night1 = Files.createDirectories(work.resolve("dup-night-1"));
        Files.writeString(night1.resolve("deals.csv"), header
                + "OLD-1,Fleet renewal,Müller GmbH,Qualified,10000,2027-01-31" + done
                + "KEEP-1,Other deal,Müller GmbH,Qualified,5000,2027-01-31" + done
                // gone tonight after tonight's last deal id: found past the end of the merge
                + "ZZ-OLD,Boiler service,Zeta AG,Qualified,1000,2027-01-31" + done);
        Path night2 = Files.createDirectories(work.resolve("dup-night-2"));
        Files.writeString(night2.resolve("deals.csv"), header
                + "NEW-1,Fleet Renewal,MÜLLER GMBH,Qualified,10000,2027-01-31" + done
                + "KEEP-1,Other deal,Müller GmbH,Qualified,5000,2027-01-31" + done
                + "TWIN-A,Sensor retrofit,Acme,Qualified,2000,2027-01-31" + done
                + "TWIN-B,Sensor retrofit,Acme,Prospect,3000,2027-01-31" + done
                + "NEW-2,Boiler service,Zeta AG,Qualified,1000,2027-01-31" + done);

        RunOutcome first = run(TestRuns.options(night1, reports(), "2026-11-30", 100));
        assertThat(RunJson.read(first.reportFolder()).root().path("findings").has("DUPLICATE_DEAL")).isFalse();
        RunOutcome second = run(TestRuns.options(night2, reports(), "2026-12-01", 100));

        assertThat(second.exitCode()).isEqualTo(ExitCode.SUCCESS);
        List<CSVRecord> duplicates = findings(second.reportFolder(), "DUPLICATE_DEAL");
        assertThat(duplicates).extracting(r -> r.get("deal_id") + ": " + r.get("message")).containsExactly(
                "NEW-1: same account and deal name as deal OLD-1 in the run of 2026-11-30",
                "TWIN-A: same account and deal name as deal TWIN-B in this run",
                "TWIN-B: same account and deal name as deal TWIN-A in this run",
                "NEW-2: same account and deal name as deal ZZ-OLD in the run of 2026-11-30");
        long runId = jdbc.queryForObject("SELECT run_id FROM forecast_run WHERE run_date = DATE '2026-12-01'",
                Long.class);
        java.util.function.Function<String, com.pipelineforecast.history.DealRecord> deal = id -> {
            List<com.pipelineforecast.history.DealRecord> found = new java.util.ArrayList<>();
            runDeals.forEach(runId, null, d -> {
                if (d.dealId().equals(id)) {
                    found.add(d);
                }
            });
            return found.get(0);
        };
        com.pipelineforecast.history.DealRecord newDeal = deal.apply("NEW-1");
        assertThat(newDeal.evidencedStage()).isEqualTo("prospect");
        assertThat(newDeal.weightedReported()).isEqualByComparingTo("2000.00");
        assertThat(newDeal.weightedAdjusted()).isEqualByComparingTo("1000.00");
        assertThat(newDeal.findingCount()).isEqualTo(newDeal.findings().size()).isEqualTo(2);
        assertThat(deal.apply("KEEP-1").findingCount()).isZero();
        // the prospect twin claims the stage whose item it misses: a next step, not a lower stage
        assertThat(findings(second.reportFolder(), "STAGE_NOT_EVIDENCED")).extracting(r -> r.get("deal_id"))
                .containsExactly("NEW-1", "TWIN-A", "NEW-2");
        RunJson runJson = RunJson.read(second.reportFolder());
        // qualified: 10,000 + 5,000 + 2,000 + 1,000 at 20 %; adjusted: NEW-1, TWIN-A and NEW-2 at prospect's 10 %
        assertThat(runJson.total("weightedAsReported")).isEqualByComparingTo("3900.00");
        assertThat(runJson.total("weightedChecklistAdjusted")).isEqualByComparingTo("2600.00");

        // the check commits a batch at a time; a restart undoes what an earlier attempt committed, then checks again
        java.util.function.Supplier<List<String>> state = () -> {
            List<String> values = new java.util.ArrayList<>(List.of("COUNT(*) FROM deal_finding",
                    "COUNT(*) FROM revised_deal", "SUM(weighted_adjusted) FROM revised_deal").stream()
                    .map(q -> jdbc.queryForObject("SELECT " + q + " WHERE run_id = ?", String.class, runId)).toList());
            long[] findingCount = {0};
            BigDecimal[] adjusted = {BigDecimal.ZERO};
            runDeals.forEach(runId, null, d -> {
                findingCount[0] += d.findingCount();
                adjusted[0] = adjusted[0].add(d.weightedAdjusted());
            });
            values.add(findingCount[0] + " findings, " + adjusted[0] + " adjusted");
            return values;
        };
        List<String> before = state.get();
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(detector.detect(runId, jdbc.queryForObject("SELECT run_id FROM forecast_run WHERE run_date = "
                    + "DATE '2026-11-30'", Long.class),
                    new com.pipelineforecast.playbook.PlaybookLoader().load("six-stage"), new DealWeigher(), true))
                    .isEqualTo(4);
            assertThat(state.get()).isEqualTo(before);
        }
        assertThat(before.get(3)).isEqualTo("7 findings, 2600.00 adjusted");
    }

    @org.springframework.beans.factory.annotation.Autowired
    private DuplicateDetector detector;

    @org.springframework.beans.factory.annotation.Autowired
    private com.pipelineforecast.history.RunDeals runDeals;

    @Test
    void conditionsCanUseAnyExportedColumn() throws IOException {
        Path playbook = work.resolve("partner-playbook.yml");
        Files.writeString(playbook, """
                id: partner
                stages:
                  - id: open
                    probability: 0.2
                    checklist:
                      - id: partner_agreement
                        when: lead_source = partner and amount > 1000
                  - id: commit
                    probability: 0.9
                  - id: won
                    outcome: won
                    probability: 1
                """);
        Path input = Files.createDirectories(work.resolve("partner"));
        Files.writeString(input.resolve("deals.csv"), "Id,Name,Lead Source,Stage,Amount,Close Date,partner_agreement\n"
                + "P-1,Via partner,Partner,commit,5000,2027-01-01,\n"
                + "P-2,Direct,Web,commit,5000,2027-01-01,\n"
                + "P-3,Small partner deal,Partner,commit,500,2027-01-01,\n"
                + "P-4,Partner with agreement,Partner,commit,5000,2027-01-01,ja\n");
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2026-12-02", 100).withPlaybook(playbook.toString()));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(findings(outcome.reportFolder(), "STAGE_NOT_EVIDENCED")).extracting(r -> r.get("deal_id"))
                .containsExactly("P-1");
        // P-1 at 20 % (its partner agreement is missing), P-2, P-3 and P-4 at 90 %
        assertThat(RunJson.read(outcome.reportFolder()).total("weightedChecklistAdjusted"))
                .isEqualByComparingTo("10450.00");
    }

    private static List<CSVRecord> findings(Path folder, String code) throws IOException {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(folder.resolve("findings.csv"))).getRecords().stream()
                .filter(r -> r.get("code").equals(code)).toList();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ChecklistFunctionalTest.class.getClassLoader().getResource(name).toURI());
    }
}
