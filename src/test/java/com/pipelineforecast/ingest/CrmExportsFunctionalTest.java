package com.pipelineforecast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

/**
 * Exports in each CRM's default vocabulary, read under the default playbook with no mapping file: every stage
 * value known, status columns winning over the stage, and the totals equal to a sum worked out here from the rows
 * and the documented stage table. Also: checklist coverage, incomplete nights, the public exports without their
 * mapping files.
 */
class CrmExportsFunctionalTest extends JobTestSupport {

    private static final Path MAVEN = Path.of("..", "shared", "data", "public", "maven-crm-sales-opportunities");
    private static final String CLOSE = "2032-03-31";
    /** One run date per run: the suite shares one database, and a date runs once. */
    private static final Map<String, String> RUN_DATES = Map.of("salesforce", "2031-12-01", "hubspot", "2031-12-04",
            "dynamics", "2031-12-05", "pipedrive", "2031-12-06", "zoho", "2031-12-07", "odoo", "2031-12-08",
            "salesforce-report", "2031-12-09", "dynamics-statecode", "2031-12-10");
    private static final Map<String, BigDecimal> PROBABILITY = Map.of("prospect", new BigDecimal("0.10"),
            "qualified", new BigDecimal("0.20"), "discovery", new BigDecimal("0.40"), "developed",
            new BigDecimal("0.60"), "proposed", new BigDecimal("0.80"));
    private static final Map<String, BigDecimal> USD_PER = Map.of("USD", BigDecimal.ONE, "EUR",
            new BigDecimal("1.10"), "THB", new BigDecimal("0.03"), "CNY", new BigDecimal("0.14"));

    /** One exported row and what it must count as: an open stage id, "won", "lost", "lead" or "deleted". */
    record Row(String csv, String expected, BigDecimal amount, String currency) {
        Row(String csv, String expected, long amount) {
            this(csv, expected, BigDecimal.valueOf(amount), "USD");
        }

        BigDecimal usd() {
            return amount.multiply(USD_PER.get(currency)).setScale(2, RoundingMode.HALF_UP);
        }
    }

    @Test
    void salesforceDefaultStagesWithIsWonAndIsClosed() throws IOException {
        List<Row> rows = List.of(
                new Row("S-1,Prospecting,1000,,", "prospect", 1000),
                new Row("S-2,Qualification,2000,,", "qualified", 2000),
                new Row("S-3,Needs Analysis,3000,,", "discovery", 3000),
                new Row("S-4,Value Proposition,4000,,", "developed", 4000),
                new Row("S-5,Id. Decision Makers,5000,,", "developed", 5000),
                new Row("S-6,Perception Analysis,6000,,", "developed", 6000),
                new Row("S-7,Proposal/Price Quote,7000,,", "proposed", 7000),
                new Row("S-8,Negotiation/Review,8000,,", "proposed", 8000),
                new Row("S-9,Closed Won,9000,1,1", "won", 9000),
                new Row("S-10,Closed Lost,10000,1,", "lost", 10000),
                new Row("S-11,Negotiation/Review,11000,1,1", "won", 11000),
                new Row("S-12,Proposal/Price Quote,12000,1,", "lost", 12000));
        RunJson run = runCrm("salesforce", "Id,StageName,Amount,IsClosed,IsWon,CloseDate", rows, "," + CLOSE);
        assertThat(run.root().path("findings").path("STATUS_OVERRIDES_STAGE").asLong()).isEqualTo(2);
        assertThat(sources(run)).anyMatch(source -> source.contains("Salesforce"));
    }

    @Test
    void hubSpotDefaultPipelineLabelsAndInternalValuesWithClosedFlags() throws IOException {
        List<Row> rows = List.of(
                new Row("H-1,Appointment Scheduled,1000,false,false", "prospect", 1000),
                new Row("H-2,qualifiedtobuy,2000,false,false", "qualified", 2000),
                new Row("H-3,Presentation Scheduled,3000,false,false", "discovery", 3000),
                new Row("H-4,decisionmakerboughtin,4000,false,false", "developed", 4000),
                new Row("H-5,Contract Sent,5000,false,false", "proposed", 5000),
                new Row("H-6,closedwon,6000,true,true", "won", 6000),
                new Row("H-7,Closed Lost,7000,true,false", "lost", 7000),
                new Row("H-8,contractsent,8000,true,true", "won", 8000),
                new Row("H-9,Qualified To Buy,9000,false,false", "qualified", 9000));
        RunJson run = runCrm("hubspot", "Record ID,Deal Stage,Amount,Is Deal Closed?,Is Closed Won,Close Date", rows,
                "," + CLOSE);
        assertThat(run.root().path("findings").path("STATUS_OVERRIDES_STAGE").asLong()).isEqualTo(1);
        assertThat(sources(run)).anyMatch(source -> source.contains("HubSpot"));
    }

    @Test
    void dynamicsPipelinePhasesWithStatusStatusReasonAndCurrencyNames() throws IOException {
        List<Row> rows = List.of(
                new Row("D-1,1-Qualify,1000,US Dollar,Open,In Progress", "qualified", BigDecimal.valueOf(1000), "USD"),
                new Row("D-2,2-Develop,2000,Euro,Open,In Progress", "discovery", BigDecimal.valueOf(2000), "EUR"),
                new Row("D-3,3-Propose,3000,Thai Baht,Open,On Hold", "developed", BigDecimal.valueOf(3000), "THB"),
                new Row("D-4,4-Close,4000,Yuan Renminbi,Open,In Progress", "proposed", BigDecimal.valueOf(4000),
                        "CNY"),
                // won with the phase still at 4-Close: closed won, not 80 % commit
                new Row("D-5,4-Close,5000,US Dollar,Won,Won", "won", BigDecimal.valueOf(5000), "USD"),
                new Row("D-6,3-Propose,6000,Euro,Lost,Out-Sold", "lost", BigDecimal.valueOf(6000), "EUR"),
                // no Status value: the Status Reason decides
                new Row("D-7,2-Develop,7000,US Dollar,,Canceled", "lost", BigDecimal.valueOf(7000), "USD"));
        RunJson run = runCrm("dynamics", "(Do Not Modify) Opportunity,Pipeline Phase,Est. Revenue,Currency,Status,"
                + "Status Reason,Est. Close Date", rows, "," + CLOSE);
        assertThat(run.root().path("findings").path("STATUS_OVERRIDES_STAGE").asLong()).isEqualTo(3);
        assertThat(run.root().path("findings").has("LEAD_IN_PIPELINE")).isFalse();
        assertThat(run.root().path("leads").path("deals").asLong()).isZero();
        assertThat(sources(run)).anyMatch(source -> source.contains("Dynamics 365"));
    }

    @Test
    void salesforceReportExportWithWonAndClosedColumns() throws IOException {
        List<Row> rows = List.of(
                new Row("R-1,Negotiation/Review,1000,0,0", "proposed", 1000),
                new Row("R-2,Negotiation/Review,5000,1,1", "won", 5000),
                new Row("R-3,Value Proposition,3000,0,1", "lost", 3000),
                new Row("R-4,Closed Won,4000,1,1", "won", 4000));
        RunJson run = runCrm("salesforce-report", "Opportunity ID,Stage,Amount,Won,Closed,Close Date", rows,
                "," + CLOSE);
        assertThat(run.root().path("findings").path("STATUS_OVERRIDES_STAGE").asLong()).isEqualTo(2);
    }

    @Test
    void dynamicsStatecodeNumbers() throws IOException {
        List<Row> rows = List.of(
                new Row("N-1,4-Close,1000,0", "proposed", 1000),
                new Row("N-2,4-Close,2000,1", "won", 2000),
                new Row("N-3,2-Develop,3000,2", "lost", 3000));
        runCrm("dynamics-statecode", "(Do Not Modify) Opportunity,Pipeline Phase,Est. Revenue,statecode,"
                + "Est. Close Date", rows, "," + CLOSE);
    }

    @Test
    void pipedriveStagesWithDealStatusIncludingDeleted() throws IOException {
        List<Row> rows = List.of(
                new Row("P-1,Qualified,1000,open", "qualified", 1000),
                new Row("P-2,Contact Made,2000,open", "qualified", 2000),
                new Row("P-3,Demo Scheduled,3000,open", "discovery", 3000),
                new Row("P-4,Proposal Made,4000,open", "proposed", 4000),
                new Row("P-5,Negotiations Started,5000,open", "proposed", 5000),
                new Row("P-6,Negotiations Started,6000,won", "won", 6000),
                new Row("P-7,Proposal Made,7000,lost", "lost", 7000),
                new Row("P-8,Demo Scheduled,8000,deleted", "deleted", 8000),
                new Row("P-9,Lead In,9000,open", "lead", 9000),
                // open on a closed stage: open, at the lowest stage the status supports
                new Row("P-10,Closed Won,10000,open", "prospect", 10000));
        RunJson run = runCrm("pipedrive", "Deal - ID,Deal - Stage,Deal - Value,Deal - Status,"
                + "Deal - Expected close date", rows, "," + CLOSE);
        assertThat(run.count("skipped")).isEqualTo(1);
        assertThat(run.root().path("findings").path("STATUS_STAGE_CONFLICT").asLong()).isEqualTo(1);
        assertThat(sources(run)).anyMatch(source -> source.contains("Pipedrive"));
    }

    @Test
    void zohoAndOdooDefaultStages() throws IOException {
        List<Row> zoho = List.of(
                new Row("Z-1,Qualification,1000", "qualified", 1000),
                new Row("Z-2,Needs Analysis,2000", "discovery", 2000),
                new Row("Z-3,Value Proposition,3000", "developed", 3000),
                new Row("Z-4,Identify Decision Makers,4000", "developed", 4000),
                new Row("Z-5,Proposal/Price Quote,5000", "proposed", 5000),
                new Row("Z-6,Negotiation/Review,6000", "proposed", 6000),
                new Row("Z-7,Closed Won,7000", "won", 7000),
                new Row("Z-8,Closed Lost,8000", "lost", 8000),
                new Row("Z-9,Closed-Lost to Competition,9000", "lost", 9000));
        RunJson zohoRun = runCrm("zoho", "Record Id,Stage,Amount,Closing Date", zoho, "," + CLOSE);
        assertThat(sources(zohoRun)).anyMatch(source -> source.contains("Zoho CRM"));
        List<Row> odoo = List.of(
                new Row("O-1,New,1000", "prospect", 1000),
                new Row("O-2,Qualified,2000", "qualified", 2000),
                new Row("O-3,Proposition,3000", "proposed", 3000),
                new Row("O-4,Won,4000", "won", 4000));
        RunJson odooRun = runCrm("odoo", "ID,Stage,Expected Revenue,Expected Closing", odoo, "," + CLOSE);
        assertThat(sources(odooRun)).anyMatch(source -> source.contains("Odoo"));
    }

    /** Writes the export, runs it under the default playbook without a mapping file, checks it against the rows. */
    private RunJson runCrm(String name, String header, List<Row> rows, String suffix) throws IOException {
        Path input = Files.createDirectories(work.resolve("crm-" + name));
        StringBuilder csv = new StringBuilder(header).append('\n');
        rows.forEach(row -> csv.append(row.csv()).append(suffix).append('\n'));
        Files.writeString(input.resolve(name + ".csv"), csv);
        Files.writeString(input.resolve("fx-rates.csv"), "currency,rate\nEUR,1.10\nTHB,0.03\nCNY,0.14\n");
        RunOutcome outcome = run(TestRuns.options(input, reports(), RUN_DATES.get(name), 4));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        RunJson run = RunJson.read(outcome.reportFolder());

        BigDecimal open = BigDecimal.ZERO.setScale(2);
        BigDecimal weighted = BigDecimal.ZERO.setScale(2);
        BigDecimal won = BigDecimal.ZERO.setScale(2);
        long deals = 0;
        for (Row row : rows) {
            switch (row.expected()) {
                case "won" -> won = won.add(row.usd());
                case "lost", "lead", "deleted" -> {
                }
                default -> {
                    open = open.add(row.usd());
                    weighted = weighted.add(row.usd().multiply(PROBABILITY.get(row.expected()))
                            .setScale(2, RoundingMode.HALF_UP));
                }
            }
            deals += row.expected().equals("deleted") ? 0 : 1;
        }
        assertThat(run.count("rejected")).isZero();
        assertThat(run.count("accepted")).isEqualTo(deals);
        assertThat(run.count("read")).isEqualTo(deals);
        assertThat(run.total("openAmount")).isEqualTo(open);
        assertThat(run.total("weightedAsReported")).isEqualTo(weighted);
        assertThat(run.total("closedWon")).isEqualTo(won);
        // the export carries no checklist: nothing is assessed, so nothing is taken off
        assertThat(run.total("weightedChecklistAdjusted")).isEqualTo(weighted);
        assertThat(run.root().path("checklistCoverage").path("itemsExported").asInt()).isZero();
        assertThat(run.root().path("findings").has("STAGE_NOT_EVIDENCED")).isFalse();
        assertThat(run.root().path("complete").asBoolean()).isTrue();
        for (String stage : PROBABILITY.keySet()) {
            long expected = rows.stream().filter(r -> r.expected().equals(stage)).count();
            assertThat(run.stage(stage).path("deals").asLong()).as(stage).isEqualTo(expected);
        }
        // the stage mapping counts every row at the stage it was counted at, status overrides included
        Map<String, Long> mapped = new java.util.HashMap<>();
        run.root().path("stageMapping").forEach(line -> mapped.merge(line.path("stage").asText(),
                line.path("rows").asLong(), Long::sum));
        run.root().path("byStage").forEach(stage -> assertThat(mapped.getOrDefault(stage.path("stage").asText(), 0L))
                .as(stage.path("stage").asText()).isEqualTo(stage.path("deals").asLong()));
        return run;
    }

    private static List<String> sources(RunJson run) {
        List<String> sources = new ArrayList<>();
        run.root().path("stageMapping").forEach(line -> sources.add(line.path("source").asText()));
        return sources;
    }

    @Test
    void tenPercentUnknownStagesIsAnIncompleteNightOnEveryPage() throws IOException {
        Path input = Files.createDirectories(work.resolve("crm-unknown"));
        StringBuilder csv = new StringBuilder("Deal ID,Stage,Amount,Close Date\n");
        for (int i = 1; i <= 40; i++) {
            String stage = i % 10 == 0 ? "Proposal Review Pending" : i % 2 == 0 ? "Qualification" : "Negotiation/Review";
            csv.append("U-").append(i).append(',').append(stage).append(",1000,").append(CLOSE).append('\n');
        }
        Files.writeString(input.resolve("deals.csv"), csv);
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2031-12-02", 10));

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(outcome.exitCode().code()).isEqualTo(4);
        String banner = "INCOMPLETE: 4 of 40 rows (10.0 %) rejected — see rejected.csv";
        assertThat(outcome.message()).contains(banner);
        RunJson run = RunJson.read(outcome.reportFolder());
        assertThat(run.root().path("complete").asBoolean(true)).isFalse();
        assertThat(run.root().path("incomplete").asText()).isEqualTo(banner);
        JsonNode unknown = run.root().path("unknownStages");
        assertThat(unknown).hasSize(1);
        assertThat(unknown.get(0).path("value").asText()).isEqualTo("Proposal Review Pending");
        assertThat(unknown.get(0).path("rows").asLong()).isEqualTo(4);
        assertThat(unknown.get(0).path("mappingLine").asText()).isEqualTo("Proposal Review Pending: proposed");

        try (PDDocument pdf = Loader.loadPDF(outcome.reportFolder().resolve("forecast.pdf").toFile())) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                assertThat(stripper.getText(pdf)).as("page " + page).contains(banner);
            }
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Method and data quality").contains("Proposal Review Pending: proposed");
        }
        try (InputStream in = Files.newInputStream(outcome.reportFolder().resolve("pipeline.xlsx"));
                Workbook workbook = WorkbookFactory.create(in)) {
            assertThat(workbook.getSheet("Summary").getRow(0).getCell(0).getStringCellValue()).isEqualTo(banner);
        }
    }

    @Test
    void aMappingFileBringsCrmFieldsInAsChecklistItems() throws IOException, URISyntaxException {
        Path input = Files.createDirectories(work.resolve("crm-items"));
        // developed deals: discovery's funding_approved comes from Budget_Confirmed__c, needs_assessed by its id;
        // the other discovery items and every earlier stage's are not exported, so they are not assessed
        Files.writeString(input.resolve("deals.csv"), """
                Id,StageName,Amount,CloseDate,Budget_Confirmed__c,needs_assessed
                M-1,Value Proposition,10000,%1$s,true,yes
                M-2,Value Proposition,20000,%1$s,false,yes
                M-3,Value Proposition,40000,%1$s,,
                M-4,Prospecting,80000,%1$s,false,no
                """.formatted(CLOSE));
        Path mapping = Files.writeString(work.resolve("crm-items-mapping.yml"), """
                checklist:
                  funding_approved: Budget_Confirmed__c
                """);
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2031-12-03", 10)
                .withMapping(mapping.toString()));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        RunJson run = RunJson.read(outcome.reportFolder());

        JsonNode coverage = run.root().path("checklistCoverage");
        assertThat(coverage.path("itemsExported").asInt()).isEqualTo(2);
        assertThat(coverage.path("itemsInPlaybook").asInt()).isGreaterThan(30);
        // M-4 claims prospect: no item before it is exported, so its checklist says nothing
        assertThat(coverage.path("dealsAssessed").asLong()).isEqualTo(3);
        assertThat(coverage.path("dealsNotAssessed").asLong()).isEqualTo(1);
        // M-1 keeps developed (60 %); M-2 (budget not confirmed) and M-3 (both blank) are evidenced at discovery
        BigDecimal adjusted = new BigDecimal("6000.00").add(new BigDecimal("8000.00")).add(new BigDecimal("16000.00"))
                .add(new BigDecimal("8000.00"));
        assertThat(run.total("weightedChecklistAdjusted")).isEqualTo(adjusted);
        assertThat(run.total("weightedAsReported")).isEqualTo(new BigDecimal("50000.00"));
        // two missing items on M-3, one on M-2; nothing per deal for the items no column carries
        assertThat(run.root().path("findings").path("STAGE_NOT_EVIDENCED").asLong()).isEqualTo(3);
        assertThat(run.root().path("findings").path("CHECKLIST_NOT_EXPORTED").asLong()).isEqualTo(7);
        String findings = Files.readString(outcome.reportFolder().resolve("findings.csv"));
        assertThat(findings).contains(",,,CHECKLIST_NOT_EXPORTED,INFO,discovery,,")
                .contains("decision_maker_identified").doesNotContain("funding_approved),");
    }

    @Test
    void twoExportsWithDifferentChecklistColumnsAreEachAssessedOnTheirOwn() throws IOException {
        Path input = Files.createDirectories(work.resolve("crm-two-files"));
        Files.writeString(input.resolve("a.csv"), "Id,StageName,Amount,CloseDate,opportunity_confirmed\n"
                + "A-1,Needs Analysis,10000," + CLOSE + ",no\n");
        Files.writeString(input.resolve("b.csv"), "Id,StageName,Amount,CloseDate,needs_assessed\n"
                + "B-1,Value Proposition,10000," + CLOSE + ",no\n"
                + "B-2,Needs Analysis,10000," + CLOSE + ",no\n");
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2031-12-11", 10));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        RunJson run = RunJson.read(outcome.reportFolder());
        // A-1 claims discovery without qualified's opportunity_confirmed; B-1 claims developed without
        // discovery's needs_assessed; B-2's file carries nothing before discovery
        // A-1 at qualified 2,000; B-1 at discovery 4,000; B-2 keeps discovery 4,000
        assertThat(run.total("weightedChecklistAdjusted")).isEqualByComparingTo("10000.00");
        assertThat(run.root().path("checklistCoverage").path("dealsAssessed").asLong()).isEqualTo(2);
        assertThat(run.root().path("checklistCoverage").path("dealsNotAssessed").asLong()).isEqualTo(1);
        String findings = Files.readString(outcome.reportFolder().resolve("findings.csv"));
        assertThat(findings).contains("not in b.csv, so not assessed on the deals of that file: Opportunity "
                + "confirmed as real (opportunity_confirmed)")
                .contains("not in a.csv, so not assessed on the deals of that file: Needs assessed with the customer "
                        + "(needs_assessed)")
                .doesNotContain("not in any export, so not assessed on any deal: Opportunity confirmed");
    }

    @Test
    void aChecklistColumnCarriesOnlyTheItemsItNamesSomewhere() throws IOException {
        Path input = Files.createDirectories(work.resolve("crm-checklist-column"));
        Files.writeString(input.resolve("deals.csv"), "Id,StageName,Amount,CloseDate,Checklist\n"
                + "P-1,Proposal/Price Quote,10000," + CLOSE + ",\"opportunity_confirmed;agenda_sent\"\n"
                + "P-2,Qualification,10000," + CLOSE + ",\n"
                + "P-3,Needs Analysis,10000," + CLOSE + ",opportunity_confirmed\n");
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2031-12-12", 10));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        RunJson run = RunJson.read(outcome.reportFolder());
        // only opportunity_confirmed and agenda_sent are carried: P-1 keeps proposed, P-3 lacks agenda_sent
        assertThat(run.root().path("checklistCoverage").path("itemsExported").asInt()).isEqualTo(2);
        assertThat(run.total("weightedAsReported")).isEqualByComparingTo("14000.00");
        assertThat(run.total("weightedChecklistAdjusted")).isEqualByComparingTo("12000.00");
        assertThat(run.root().path("findings").path("STAGE_NOT_EVIDENCED").asLong()).isEqualTo(1);
    }

    @Test
    void salesforcePublicExportWithoutMappingFile() throws IOException, URISyntaxException {
        Path input = Files.createDirectories(work.resolve("crm-salesforce-public"));
        Files.copy(Path.of(getClass().getClassLoader().getResource("salesforce/Opportunity.csv").toURI()),
                input.resolve("Opportunity.csv"));
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2024-07-31", 20));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        RunJson run = RunJson.read(outcome.reportFolder());
        assertThat(run.count("read")).isEqualTo(50);
        assertThat(run.count("rejected")).isZero();
        assertThat(run.stage("proposed").path("deals").asLong()).isEqualTo(8 + 9);
        assertThat(run.total("weightedChecklistAdjusted")).isEqualTo(run.total("weightedAsReported"));
        assertThat(run.root().path("findings").has("STAGE_NOT_EVIDENCED")).isFalse();
        JsonNode coverage = run.root().path("checklistCoverage");
        assertThat(coverage.path("itemsExported").asInt()).isZero();
        assertThat(coverage.path("dealsAssessed").asLong()).isZero();
        assertThat(coverage.path("dealsNotAssessed").asLong()).isEqualTo(9 + 9 + 17);
        try (PDDocument pdf = Loader.loadPDF(outcome.reportFolder().resolve("forecast.pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("checklists not in the export: not assessed")
                    .contains("Proposal/Quote  read as  Proposed (Salesforce)").doesNotContain("INCOMPLETE");
        }
    }

    @Test
    void mavenPublicExportWithoutMappingFile() throws IOException {
        assumeTrue(Files.isRegularFile(MAVEN.resolve("sales_pipeline.csv")), "the shared Maven CRM data set is absent");
        Path input = Files.createDirectories(work.resolve("crm-maven-public"));
        Files.copy(MAVEN.resolve("sales_pipeline.csv"), input.resolve("sales_pipeline.csv"));
        RunOutcome outcome = run(TestRuns.options(input, reports(), "2018-06-30", 1000));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCESS);
        RunJson run = RunJson.read(outcome.reportFolder());
        assertThat(run.count("read")).isEqualTo(8_800);
        assertThat(run.count("rejected")).isZero();
        // "Engaging" is an open stage
        assertThat(run.stage("qualified").path("deals").asLong()).isEqualTo(1_589);
        assertThat(run.root().path("findings").has("STAGE_NOT_EVIDENCED")).isFalse();
        assertThat(run.root().path("findings").has("RECOMMENDED_ITEM_MISSING")).isFalse();
        assertThat(run.root().path("stageMapping").findValuesAsText("value")).contains("Engaging");
    }
}
