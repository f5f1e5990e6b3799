package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.pipelineforecast.ops.MailDeliveries;
import com.pipelineforecast.ops.NightlyOperations;
import com.pipelineforecast.ops.OperationsOptions;
import com.pipelineforecast.ops.ReportMail;
import static com.pipelineforecast.support.Mails.attachment;
import static com.pipelineforecast.support.Mails.freePort;
import static com.pipelineforecast.support.Mails.part;
import static com.pipelineforecast.support.Mails.received;
import static com.pipelineforecast.support.Mails.startSmtp;
import static com.pipelineforecast.support.Mails.to;

import com.pipelineforecast.support.JobTestSupport;
import com.pipelineforecast.support.RunJson;
import com.pipelineforecast.support.TestRuns;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Reports and failure notices delivered to a real SMTP server in this JVM. */
@ActiveProfiles("failing-writer")
@Import(FailingWriterConfiguration.class)
class MailDeliveryFunctionalTest extends JobTestSupport {

    private static final GreenMail SMTP = startSmtp();

    @Autowired
    private NightlyOperations operations;

    @Autowired
    private JavaMailSender mailSender;

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
    void managersGetThePdfAndFinanceTheWorkbookWithTheFiguresOfRunJson() throws Exception {
        Path reports = reports();
        RunOutcome outcome = operations.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2033-03-01", 100),
                mail(List.of("anna@example.com", "ben@example.com"), List.of("finance@example.com"), List.of()));

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCESS);
        List<MimeMessage> mails = received(SMTP, "2033-03-01");
        assertThat(mails).hasSize(3);
        MimeMessage anna = to(mails, "anna@example.com");
        assertThat(anna.getSubject()).startsWith("Pipeline forecast 2033-03-01: weighted ");
        assertThat(attachment(anna, "forecast.pdf"))
                .isEqualTo(Files.readAllBytes(outcome.reportFolder().resolve("forecast.pdf")));
        assertThat(attachment(to(mails, "finance@example.com"), "pipeline.xlsx"))
                .isEqualTo(Files.readAllBytes(outcome.reportFolder().resolve("pipeline.xlsx")));
        assertThat(attachment(to(mails, "finance@example.com"), "forecast.pdf")).isNull();

        RunJson runJson = RunJson.read(outcome.reportFolder());
        String text = part(anna, "text/plain");
        String html = part(anna, "text/html");
        for (String figure : List.of(runJson.total("openAmount").toPlainString(),
                runJson.total("weightedAsReported").toPlainString(),
                runJson.total("weightedChecklistAdjusted").toPlainString())) {
            String written = String.format("%,.2f USD", new java.math.BigDecimal(figure));
            assertThat(text).contains(written);
            assertThat(html).contains(written);
        }
        Map<String, String> figures = ReportMail.keyFigures(runJson.root());
        assertThat(figures).containsEntry("Rows read", "324").containsEntry("Rows rejected", "6");
        figures.forEach((label, value) -> assertThat(text).containsPattern(java.util.regex.Pattern.quote(label)
                + " +" + java.util.regex.Pattern.quote(value)));
        assertThat(figures.keySet()).anyMatch(label -> label.startsWith("This quarter ("));
        assertThat(text).doesNotContain("INCOMPLETE");

        JsonNode deliveries = RunJson.read(outcome.reportFolder()).root().path("deliveries");
        assertThat(deliveries).hasSize(3).allSatisfy(d -> assertThat(d.path("status").asText()).isEqualTo("SENT"));
        assertThat(deliveryRows("2033-03-01")).containsExactly("finance finance@example.com SENT 1",
                "managers anna@example.com SENT 1", "managers ben@example.com SENT 1");
        assertThat(Files.readString(outcome.reportFolder().resolve("run.log")))
                .contains("delivery managers to anna@example.com: SENT");
        assertThat(outcome.reportFolder()).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
    }

    @Test
    void aStartAfterThePublishSendsWhatWasMissingAndNothingTwice() throws Exception {
        Path reports = reports();
        PipelineProperties night = TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2033-03-02", 100);
        // the night published, then the process ended before a mail was sent
        assertThat(operations.run(night, OperationsOptions.DEFAULT).exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(received(SMTP, "2033-03-02")).isEmpty();
        // an earlier start died while handing this one to the server: it may have arrived, so it is not repeated
        jdbc.update("INSERT INTO mail_delivery (run_id, kind, recipient, status, attempts, updated_at) "
                + "SELECT run_id, 'managers', 'carl@example.com', 'SENDING', 1, CURRENT_TIMESTAMP FROM forecast_run "
                + "WHERE run_date = DATE '2033-03-02'");

        OperationsOptions mail = mail(List.of("anna@example.com", "carl@example.com"),
                List.of("finance@example.com"), List.of());
        RunOutcome again = operations.run(night, mail);
        assertThat(again.message()).contains("already complete");
        assertThat(received(SMTP, "2033-03-02")).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("anna@example.com", "finance@example.com");

        assertThat(operations.run(night, mail).exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(received(SMTP, "2033-03-02")).hasSize(2);
        assertThat(deliveryRows("2033-03-02")).containsExactly("finance finance@example.com SENT 1",
                "managers anna@example.com SENT 1", "managers carl@example.com SENDING 1");
    }

    @Test
    void aRefusingServerLeavesTheRunPublishedAndTheDeliveryRecordedAsFailed() throws Exception {
        Path reports = reports();
        PipelineProperties night = TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2033-03-03", 100);
        OperationsOptions mail = mail(List.of("anna@example.com"), List.of(), List.of());
        JavaMailSenderImpl sender = (JavaMailSenderImpl) mailSender;
        int port = sender.getPort();
        RunOutcome outcome;
        try {
            sender.setPort(freePort()); // nothing listens there: every connection is refused
            outcome = operations.run(night, mail);
        } finally {
            sender.setPort(port);
        }
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(outcome.reportFolder().resolve("forecast.pdf")).isRegularFile();
        assertThat(deliveryRows("2033-03-03")).containsExactly("managers anna@example.com FAILED 2");
        JsonNode delivery = RunJson.read(outcome.reportFolder()).root().path("deliveries").get(0);
        assertThat(delivery.path("status").asText()).isEqualTo("FAILED");
        assertThat(delivery.path("error").asText()).isNotBlank();
        assertThat(Files.readString(outcome.reportFolder().resolve("run.log")))
                .contains("delivery managers to anna@example.com: attempt 2 of 2 failed");
        assertThat(received(SMTP, "2033-03-03")).isEmpty();

        // the next start of the date delivers it
        assertThat(operations.run(night, mail).exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(received(SMTP, "2033-03-03")).hasSize(1);
        assertThat(deliveryRows("2033-03-03")).containsExactly("managers anna@example.com SENT 3");
        assertThat(RunJson.read(outcome.reportFolder()).root().path("deliveries").get(0).path("status").asText())
                .isEqualTo("SENT");
    }

    @Test
    void aFailingRunMailsItsCauseExitCodeLogAndTheCommandToStartAgain() throws Exception {
        Path reports = reports();
        PipelineProperties night = TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2033-03-04", 50);
        OperationsOptions mail = mail(List.of("anna@example.com"), List.of(), List.of("oncall@example.com"));
        FailingWriterConfiguration.armAfter(120);
        RunOutcome failed = operations.run(night, mail, List.of("--input=input", "--reports=" + reports,
                "--mail-failures=oncall@example.com"));
        assertThat(failed.exitCode()).isEqualTo(ExitCode.JOB_FAILED);

        List<MimeMessage> mails = received(SMTP, "2033-03-04");
        assertThat(mails).hasSize(1);
        MimeMessage notice = mails.get(0);
        assertThat(notice.getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
        assertThat(notice.getSubject()).isEqualTo("Pipeline forecast 2033-03-04: FAILED (exit 1)");
        String text = ((String) notice.getContent()).replace("\r\n", "\n");
        assertThat(text.lines().findFirst().orElseThrow()).isEqualTo(failed.message());
        assertThat(text).contains("injected failure after 150 rows", "Exit code 1: the job failed",
                "    java -jar pipeline-forecast.jar --input=input --reports=" + reports
                        + " --mail-failures=oncall@example.com --run-date=2033-03-04\n");
        List<String> logLines = Arrays.asList(text.substring(text.indexOf("log lines:\n\n") + 12).split("\n"));
        assertThat(logLines).hasSizeBetween(5, 50);
        assertThat(logLines.get(logLines.size() - 1)).contains("run 2033-03-04 failed");
        assertThat(text).contains("run 2033-03-04: starting");

        // started again, the night completes: the reports go out, no failure notice
        RunOutcome restarted = operations.run(night, mail);
        assertThat(restarted.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(received(SMTP, "2033-03-04")).hasSize(2).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("oncall@example.com", "anna@example.com");
    }

    @Test
    void anIncompleteNightCarriesItsBannerAndIsAnnounced() throws Exception {
        Path input = Files.createDirectories(work.resolve("mail-incomplete"));
        Files.writeString(input.resolve("export.csv"), "Opportunity ID,Stage,Amount,Close Date\nM-1,Qualified,100,"
                + "2033-06-01\nM-2,Qualified,lots,2033-06-01\n");
        RunOutcome outcome = operations.run(TestRuns.options(input, reports(), "2033-03-05", 100),
                mail(List.of("anna@example.com"), List.of(), List.of("oncall@example.com")));
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        List<MimeMessage> mails = received(SMTP, "2033-03-05");
        assertThat(mails).hasSize(2);
        MimeMessage report = to(mails, "anna@example.com");
        assertThat(report.getSubject()).startsWith("[INCOMPLETE] Pipeline forecast 2033-03-05");
        assertThat(part(report, "text/plain")).startsWith("INCOMPLETE: 1 of 2 rows (50.0 %) rejected");
        assertThat(part(report, "text/html")).contains("INCOMPLETE: 1 of 2 rows (50.0 %) rejected");
        MimeMessage notice = to(mails, "oncall@example.com");
        assertThat(notice.getSubject()).isEqualTo("Pipeline forecast 2033-03-05: INCOMPLETE (exit 4)");
        assertThat((String) notice.getContent()).contains("--run-date=2033-03-05 --rerun");
    }

    @Test
    void anInputEqualToThePreviousNightsIsSaidInTheMail() throws Exception {
        Path reports = reports();
        OperationsOptions mail = mail(List.of("anna@example.com"), List.of(), List.of());
        operations.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2033-03-07", 100), mail);
        operations.run(TestRuns.options(TestRuns.SAMPLE_INPUT, reports, "2033-03-08", 100), mail);
        assertThat(part(received(SMTP, "2033-03-08").get(0), "text/plain")).startsWith("Input unchanged: the exports are "
                + "byte for byte those of the previous night");
        assertThat(part(received(SMTP, "2033-03-08").get(0), "text/html")).contains("Input unchanged");
    }

    @Test
    void somethingThatIsNoMailAddressIsABadOption() {
        OperationsOptions bad = mail(List.of("not an address"), List.of(), List.of());
        RunOutcome outcome = operations.run(TestRuns.options(TestRuns.SAMPLE_INPUT, work, "2033-03-06", 100), bad);
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.BAD_OPTIONS);
        assertThat(outcome.message()).contains("not a mail address");
    }

    private static OperationsOptions mail(List<String> managers, List<String> finance, List<String> failures) {
        return OperationsOptions.DEFAULT.withMail(managers, finance, failures).withMailRetry(2, 0);
    }

    private List<String> deliveryRows(String runDate) {
        return jdbc.queryForList("SELECT d.kind || ' ' || d.recipient || ' ' || d.status || ' ' || d.attempts FROM "
                + "mail_delivery d JOIN forecast_run r ON r.run_id = d.run_id WHERE r.run_date = CAST(? AS DATE) "
                + "ORDER BY d.kind, d.recipient", String.class, runDate);
    }

}
