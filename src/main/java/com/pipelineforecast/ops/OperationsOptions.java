package com.pipelineforecast.ops;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The options of the job's operation around a run, bound like {@code PipelineProperties} from {@code --name=value}
 * ({@code pipeline.*}): {@code --keep-reports} (days of published folders to keep, 0 keeps all),
 * {@code --validate-only}, {@code --status}, the mail recipients and {@code --schedule}.
 */
@ConfigurationProperties("pipeline")
public record OperationsOptions(@DefaultValue("400") int keepReports, boolean validateOnly, boolean status,
        @DefaultValue("10") int statusRuns, List<String> mailManagers, List<String> mailFinance,
        List<String> mailFailures, String mailFrom, String schedule) {

    public static final OperationsOptions DEFAULT = new OperationsOptions(400, false, false, 10, List.of(), List.of(),
            List.of(), null, null);

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
        return new OperationsOptions(days, validateOnly, status, statusRuns, mailManagers, mailFinance, mailFailures,
                mailFrom, schedule);
    }

    public OperationsOptions withMail(List<String> managers, List<String> finance, List<String> failures) {
        return new OperationsOptions(keepReports, validateOnly, status, statusRuns, managers, finance, failures,
                mailFrom, schedule);
    }

    public boolean mailsAnything() {
        return !mailManagers.isEmpty() || !mailFinance.isEmpty();
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
