package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.pipelineforecast.ops.NightlyOperations;
import com.pipelineforecast.ops.OperationsOptions;
import static com.pipelineforecast.support.Mails.attachment;
import static com.pipelineforecast.support.Mails.part;
import static com.pipelineforecast.support.Mails.received;
import static com.pipelineforecast.support.Mails.startSmtp;
import static com.pipelineforecast.support.Mails.to;

import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Per-team delivery from a recipients file, to a real SMTP server in this JVM. */
@ActiveProfiles("failing-writer")
@Import(FailingWriterConfiguration.class)
class TeamDeliveryFunctionalTest extends JobTestSupport {

    private static final GreenMail SMTP = startSmtp();

    @Autowired
    private NightlyOperations operations;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Test
    void aTeamsManagerGetsThePdfOfItsTeamOnlyAndTheOthersTheWholeReports() throws Exception {
        Path reports = reports();
        Path recipients = write(reports.resolveSibling(reports.getFileName() + "-recipients.yml"), """
                # who gets what
                - address: all@example.com
                  report: forecast
                - address: finance@example.com
                  report: pipeline
                - address: lead-na@example.com
                  report: forecast
                  team: NA
                - address: lead-dach@example.com
                  report: forecast
                  team: DACH
                - address: deputy-na@example.com
                  report: forecast
                  team: NA
                """);
        PipelineProperties night = TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2039-04-14", 100);
        RunOutcome outcome = operations.run(night, mail(recipients));

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCESS);
        List<MimeMessage> mails = received(SMTP, "2039-04-14");
        assertThat(mails).hasSize(5);
        Path folder = outcome.reportFolder();
        // the whole reports, as --mail-managers and --mail-finance
        assertThat(attachment(to(mails, "all@example.com"), "forecast.pdf"))
                .isEqualTo(Files.readAllBytes(folder.resolve("forecast.pdf")));
        assertThat(attachment(to(mails, "finance@example.com"), "pipeline.xlsx"))
                .isEqualTo(Files.readAllBytes(folder.resolve("pipeline.xlsx")));
        String whole = text(attachment(to(mails, "all@example.com"), "forecast.pdf"));
        assertThat(whole).doesNotContain("Team NA only");

        Map<String, String> teamOfDeal = teamOfDeal();
        Map<String, Set<String>> ownersOfTeam = ownersOfTeam();
        RunJson runJson = RunJson.read(folder);
        for (String team : List.of("NA", "DACH")) {
            MimeMessage mail = to(mails, "lead-" + team.toLowerCase(Locale.ROOT) + "@example.com");
            assertThat(mail.getSubject()).startsWith("Pipeline forecast 2039-04-14, team " + team + ": weighted ");
            assertThat(attachment(mail, "forecast.pdf")).isNull();
            String pdf = text(attachment(mail, "forecast-" + team + ".pdf"));

            // the team named on every page
            int pages = pages(attachment(mail, "forecast-" + team + ".pdf"));
            assertThat(pages).isGreaterThan(1);
            assertThat(Pattern.compile("Team " + team + " only").matcher(pdf).results().count())
                    .isGreaterThanOrEqualTo(pages);
            assertThat(pdf).contains("Pipeline forecast · team " + team);

            // only the team's deals and owners
            Set<String> deals = new TreeSet<>();
            Matcher ids = Pattern.compile("D-\\d{7}").matcher(pdf);
            while (ids.find()) {
                deals.add(ids.group());
            }
            assertThat(deals).isNotEmpty().allSatisfy(id -> assertThat(teamOfDeal.get(id)).as(id).isEqualTo(team));
            ownersOfTeam.forEach((other, owners) -> owners.forEach(owner -> {
                if (other.equals(team)) {
                    assertThat(pdf).as(owner).contains(owner);
                } else {
                    assertThat(pdf).as(owner).doesNotContain(owner);
                }
            }));

            // its open pipeline is the team's figure in run.json
            JsonNode line = null;
            for (JsonNode t : runJson.root().path("teams")) {
                if (t.path("team").asText().equals(team)) {
                    line = t;
                }
            }
            assertThat(line).isNotNull();
            BigDecimal open = new BigDecimal(line.path("openAmount").asText());
            Matcher figure = Pattern.compile("Open pipeline \\(([\\d,]+) open deals, leads excluded\\) ([\\d,.]+)")
                    .matcher(pdf);
            assertThat(figure.find()).as("open pipeline line in\n" + pdf).isTrue();
            assertThat(new BigDecimal(figure.group(2).replace(",", ""))).isEqualByComparingTo(open);
            assertThat(Long.parseLong(figure.group(1).replace(",", ""))).isEqualTo(line.path("openDeals").asLong());
            assertThat(part(mail, "text/plain")).contains("Team " + team + " only")
                    .contains(String.format(Locale.US, "%,.2f USD", open));
        }
        assertThat(attachment(to(mails, "deputy-na@example.com"), "forecast-NA.pdf")).isNotNull();

        JsonNode deliveries = RunJson.read(folder).root().path("deliveries");
        assertThat(deliveries).hasSize(5).allSatisfy(d -> assertThat(d.path("status").asText()).isEqualTo("SENT"));
        assertThat(deliveries.findValuesAsText("team")).containsExactlyInAnyOrder("DACH", "NA", "NA");
        assertThat(deliveryRows("2039-04-14")).containsExactly("finance finance@example.com SENT 1",
                "managers all@example.com SENT 1", "team:DACH lead-dach@example.com SENT 1",
                "team:NA deputy-na@example.com SENT 1", "team:NA lead-na@example.com SENT 1");
        // a team's analysis stores nothing: the night's aggregates and calls are the night's
        assertThat(jdbc.queryForObject("SELECT SUM(t.deals) FROM forecast_stage_total t JOIN forecast_run r ON "
                + "r.run_id = t.run_id WHERE r.run_date = DATE '2039-04-14'", Long.class)).isEqualTo(318L);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM forecast_call c JOIN forecast_run r ON "
                + "r.run_id = c.run_id WHERE r.run_date = DATE '2039-04-14'", Long.class)).isEqualTo(3L);
        // no team report is left in the published folder
        assertThat(folder).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("forecast-"));

        // started again: nothing is sent twice
        assertThat(operations.run(night, mail(recipients)).exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(received(SMTP, "2039-04-14")).hasSize(5);
    }

    @Test
    void aTeamWithoutDealsIsRecordedAsFailedAndTheRunStaysPublished() throws Exception {
        Path reports = reports();
        Path recipients = write(reports.resolveSibling(reports.getFileName() + "-recipients.yml"), """
                - address: lead-emea@example.com
                  report: forecast
                  team: EMEA
                """);
        RunOutcome outcome = operations.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2039-04-15", 100),
                mail(recipients));

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(received(SMTP, "2039-04-15")).isEmpty();
        JsonNode delivery = RunJson.read(outcome.reportFolder()).root().path("deliveries").get(0);
        assertThat(delivery.path("status").asText()).isEqualTo("FAILED");
        assertThat(delivery.path("error").asText()).contains("no deal of team 'EMEA'", "DACH", "NA");
    }

    @Test
    void aBadRecipientsFileIsABadOptionNamingTheFileAndLine() throws Exception {
        Path reports = reports();
        Path recipients = write(reports.resolveSibling(reports.getFileName() + "-recipients.yml"), """
                - address: all@example.com
                  report: forecast
                - address: finance@example.com
                  report: workbook
                """);
        RunOutcome outcome = operations.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2039-04-16", 100),
                mail(recipients));

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.BAD_OPTIONS);
        assertThat(outcome.message()).contains(recipients + ":4:", "forecast", "pipeline", "workbook");
        assertThat(reports.resolve("2039-04-16")).doesNotExist();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM forecast_run WHERE run_date = DATE '2039-04-16'",
                Long.class)).isZero();
    }

    private static OperationsOptions mail(Path recipients) {
        return OperationsOptions.DEFAULT.withRecipients(recipients.toString()).withMailRetry(2, 0);
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** From the sample export itself: the team of each deal id. */
    private static Map<String, String> teamOfDeal() throws IOException {
        Map<String, String> teams = new HashMap<>();
        for (CSVRecord row : sample()) {
            teams.put(row.get("deal_id"), row.get("team"));
        }
        return teams;
    }

    private static Map<String, Set<String>> ownersOfTeam() throws IOException {
        Map<String, Set<String>> owners = new HashMap<>();
        for (CSVRecord row : sample()) {
            owners.computeIfAbsent(row.get("team"), t -> new TreeSet<>()).add(row.get("owner"));
        }
        // PDFBox reads the Thai and Chinese names of the sample's other teams unreliably; the Latin ones suffice
        owners.values().forEach(set -> set.removeIf(name -> !name.matches("[\\p{IsLatin} .']+")));
        return owners;
    }

    private static List<CSVRecord> sample() throws IOException {
        try (Reader reader = Files.newBufferedReader(TestRuns.SAMPLE_INPUT.resolve("sample-deals.csv"))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)
                    .getRecords();
        }
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static int pages(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        }
    }

    private List<String> deliveryRows(String runDate) {
        return jdbc.queryForList("SELECT d.kind || ' ' || d.recipient || ' ' || d.status || ' ' || d.attempts FROM "
                + "mail_delivery d JOIN forecast_run r ON r.run_id = d.run_id WHERE r.run_date = CAST(? AS DATE) "
                + "ORDER BY d.kind, d.recipient", String.class, runDate);
    }

}
