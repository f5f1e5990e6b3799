package com.pipelineforecast.ops;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The options of the job's operation around a run, bound like {@code PipelineProperties} from {@code --name=value}
 * ({@code pipeline.*}): {@code --keep-reports} (days of published folders to keep, 0 keeps all), {@code --keep-runs}
 * (published runs whose per-deal rows the history keeps),
 * {@code --status-runs}, the mail recipients and settings, and {@code --schedule}. The switches
 * {@code --validate-only} and {@code --status} are read by the launcher from the command line itself.
 */
@ConfigurationProperties("pipeline")
public record OperationsOptions(@DefaultValue("400") int keepReports, @DefaultValue("400") int keepRuns,
        @DefaultValue("10") int statusRuns,
        List<String> mailManagers, List<String> mailFinance, List<String> mailFailures, @DefaultValue("pipeline-forecast@localhost") String mailFrom,
        @DefaultValue("3") int mailAttempts, @DefaultValue("5") int mailRetrySeconds,
        @DefaultValue("20") int mailMaxAttachmentMb, String schedule, String recipients) {

    /** Every option at its default (the {@code @DefaultValue}s above). */
    public static final OperationsOptions DEFAULT = new org.springframework.boot.context.properties.bind.Binder()
            .bindOrCreate("pipeline", OperationsOptions.class);

    public OperationsOptions {
        mailManagers = clean(mailManagers);
        mailFinance = clean(mailFinance);
        mailFailures = clean(mailFailures);
    }

    /** Throws when an option is out of range: reported as a bad option before anything runs. */
    public void validate() {
        if (keepReports < 0) {
            throw new IllegalArgumentException("--keep-reports must be 0 (keep every folder) or more days, found "
                    + keepReports);
        }
        if (keepRuns < 1) {
            throw new IllegalArgumentException("--keep-runs must be at least 1 (the previous night is compared with "
                    + "tonight), found " + keepRuns);
        }
        if (mailAttempts < 1 || mailRetrySeconds < 0 || mailMaxAttachmentMb < 0) {
            throw new IllegalArgumentException("--mail-attempts must be at least 1, --mail-retry-seconds and "
                    + "--mail-max-attachment-mb at least 0");
        }
        if (statusRuns < 1) {
            throw new IllegalArgumentException("--status-runs must be at least 1, found " + statusRuns);
        }
        for (String address : concat(mailManagers, mailFinance, mailFailures)) {
            if (!address.matches("[^@\\s,]+@[^@\\s,]+")) {
                throw new IllegalArgumentException("not a mail address: '" + address + "'");
            }
        }
    }

    public OperationsOptions withKeepReports(int days) {
        return new OperationsOptions(days, keepRuns, statusRuns, mailManagers, mailFinance, mailFailures,
                mailFrom, mailAttempts, mailRetrySeconds, mailMaxAttachmentMb, schedule, recipients);
    }

    public OperationsOptions withMail(List<String> managers, List<String> finance, List<String> failures) {
        return new OperationsOptions(keepReports, keepRuns, statusRuns, managers, finance, failures,
                mailFrom, mailAttempts, mailRetrySeconds, mailMaxAttachmentMb, schedule, recipients);
    }

    public OperationsOptions withMailRetry(int attempts, int retrySeconds) {
        return new OperationsOptions(keepReports, keepRuns, statusRuns, mailManagers, mailFinance,
                mailFailures, mailFrom, attempts, retrySeconds, mailMaxAttachmentMb, schedule, recipients);
    }

    /** With a recipients file ({@code --recipients}). */
    public OperationsOptions withRecipients(String file) {
        return new OperationsOptions(keepReports, keepRuns, statusRuns, mailManagers, mailFinance,
                mailFailures, mailFrom, mailAttempts, mailRetrySeconds, mailMaxAttachmentMb, schedule, file);
    }

    /** The recipients file read and checked (none: empty); a problem is a bad option naming the file and line. */
    public List<RecipientsFile.Recipient> recipientsList() {
        return recipients == null || recipients.isBlank() ? List.of()
                : RecipientsFile.load(java.nio.file.Path.of(recipients.trim()));
    }

    public OperationsOptions withSchedule(String cron) {
        return new OperationsOptions(keepReports, keepRuns, statusRuns, mailManagers, mailFinance,
                mailFailures, mailFrom, mailAttempts, mailRetrySeconds, mailMaxAttachmentMb, cron, recipients);
    }

    /** Whether any mail is to be sent: the reports or failure notices. */
    public boolean mailsAnything() {
        return !mailManagers.isEmpty() || !mailFinance.isEmpty() || !mailFailures.isEmpty()
                || (recipients != null && !recipients.isBlank());
    }

    private static List<String> clean(List<String> addresses) {
        if (addresses == null) {
            return List.of();
        }
        return addresses.stream().flatMap(a -> java.util.Arrays.stream(a.split(","))).map(String::trim)
                .filter(a -> !a.isEmpty()).distinct().toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
