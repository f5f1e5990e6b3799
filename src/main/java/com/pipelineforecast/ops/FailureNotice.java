package com.pipelineforecast.ops;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.RunOutcome;

/**
 * {@code --mail-failures}: for a run that exits non-zero (failed, bad options, unusable input, published
 * incomplete) one plain-text mail with the one-line cause, the exit code and what it means, what to do next with
 * the command to start it again, and the run's last {@value #TAIL} log lines. Retried like the report mails; a
 * notice that cannot be sent is logged.
 */
@Component
public class FailureNotice {

    static final int TAIL = 50;
    private static final Logger log = LoggerFactory.getLogger("pipeline.mail");

    private final MailServer mailServer;

    public FailureNotice(MailServer mailServer) {
        this.mailServer = mailServer;
    }

    /** The subject and text of the notice. */
    public record Notice(String subject, String text) {
    }

    public static Notice compose(String runDate, RunOutcome outcome, String command, List<String> logTail) {
        ExitCode code = outcome.exitCode();
        String subject = "Pipeline forecast " + runDate + ": " + (code == ExitCode.INCOMPLETE ? "INCOMPLETE"
                : "FAILED") + " (exit " + code.code() + ")";
        StringBuilder text = new StringBuilder();
        text.append(outcome.message()).append("\n\n");
        text.append("Exit code ").append(code.code()).append(": ").append(meaning(code)).append("\n\n");
        text.append("What to do next: ").append(nextStep(code)).append("\n");
        text.append("    ").append(code == ExitCode.INCOMPLETE ? command + " --rerun" : command).append("\n\n");
        text.append("The last ").append(logTail.size()).append(" log lines:\n\n");
        logTail.forEach(line -> text.append(line).append("\n"));
        return new Notice(subject, text.toString());
    }

    public void send(String runDate, RunOutcome outcome, String command, List<String> logTail,
            OperationsOptions options) {
        JavaMailSender sender = mailServer.sender().orElse(null);
        if (sender == null || options.mailFailures().isEmpty()) {
            return;
        }
        Notice notice = compose(runDate, outcome, command, logTail);
        for (String address : options.mailFailures()) {
            for (int attempt = 1; attempt <= options.mailAttempts(); attempt++) {
                try {
                    SimpleMailMessage message = new SimpleMailMessage();
                    message.setFrom(options.mailFrom());
                    message.setTo(address);
                    message.setSubject(notice.subject());
                    message.setText(notice.text());
                    sender.send(message);
                    log.info("failure notice sent to {}", address);
                    break;
                } catch (RuntimeException e) {
                    log.warn("failure notice to {}: attempt {} of {} failed: {}", address, attempt,
                            options.mailAttempts(), ReportDelivery.rootMessage(e));
                    if (attempt < options.mailAttempts()) {
                        ReportDelivery.pause(options.mailRetrySeconds());
                    }
                }
            }
        }
    }

    static String meaning(ExitCode code) {
        return switch (code) {
            case SUCCESS -> "success";
            case JOB_FAILED -> "the job failed; nothing was published, yesterday's reports are unchanged";
            case BAD_OPTIONS -> "bad options or configuration; nothing ran";
            case INPUT_UNUSABLE -> "an input is unusable (missing file, missing required column, unreadable file); "
                    + "nothing ran";
            case INCOMPLETE -> "the night was published but is incomplete: more rows were rejected than "
                    + "--max-rejected allows (the reports say so on every page)";
        };
    }

    static String nextStep(ExitCode code) {
        return switch (code) {
            case SUCCESS -> "nothing.";
            case JOB_FAILED -> "remove the cause named above, then start it again with the same --run-date; it "
                    + "continues from its last committed chunk:";
            case BAD_OPTIONS -> "correct the option or configuration named above, then start it again:";
            case INPUT_UNUSABLE -> "fix or replace the export named above, then start it again:";
            case INCOMPLETE -> "see rejected.csv, fix the export or the mapping, then compute the night again:";
        };
    }
}
