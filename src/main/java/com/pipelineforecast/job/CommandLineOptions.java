package com.pipelineforecast.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates the job's options ({@code --input=DIR}, {@code --run-date=2026-11-22}, {@code --rerun}, …) into
 * Spring properties ({@code --pipeline.input=DIR}, …). Options Spring itself understands ({@code --spring.*},
 * {@code --logging.*}, {@code --debug}) pass through; anything else is refused before the job starts.
 */
public final class CommandLineOptions {

    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("input", "DIR|FILE[,DIR|FILE...]  deal exports: folders (every *.csv, *.xlsx but fx-rates.csv and "
                + "quotas.csv) or files; repeatable");
        OPTIONS.put("run-date", "YYYY-MM-DD  business date that identifies the run. Default: today in --zone");
        OPTIONS.put("playbook", "ID|FILE  stage playbook: a built-in id (six-stage, basic, complex, dynamics, "
                + "osp) or a YAML file");
        OPTIONS.put("reporting-currency", "CODE  currency of every amount in the reports");
        OPTIONS.put("default-currency", "CODE  currency of deals without a currency column or code. "
                + "Default: the reporting currency");
        OPTIONS.put("fx-rates", "FILE  exchange rates (currency,rate). Default: fx-rates.csv beside the input");
        OPTIONS.put("mapping", "FILE  YAML: extra header names per column, exported stage values to playbook "
                + "stages, CRM fields to checklist items");
        OPTIONS.put("encoding", "NAME  encoding of CSV exports (UTF-8, windows-1252, ...). Default: detected");
        OPTIONS.put("sheet", "NAME  sheet of .xlsx exports. Default: the first");
        OPTIONS.put("date-format", "PATTERN  how ambiguous dates are written, e.g. dd/MM/yyyy. Default: decided "
                + "per file");
        OPTIONS.put("reports", "DIR  where reports/<run-date>/ is published");
        OPTIONS.put("reports-lock-wait", "SECONDS  how long to wait while another run (another installation sharing "
                + "the reports folder) holds reports/.lock before exiting 1");
        OPTIONS.put("zone", "ZONE  time zone of the default run date, e.g. Europe/Berlin. Default: the system's");
        OPTIONS.put("probability-margin", "F  a CRM probability further than this from the stage's is a "
                + "PROBABILITY_MISMATCH finding");
        OPTIONS.put("fiscal-year-start", "MONTH  first month of the fiscal year, 1-12 (4 = April)");
        OPTIONS.put("weights", "playbook|calibrated  weigh stages by the playbook's probability or by the win "
                + "rate observed in history");
        OPTIONS.put("calibration-min-deals", "N  closed deals a stage needs before its observed rate is used");
        OPTIONS.put("top-deals", "N  deals in each list of the PDF (top deals, unevidenced, at risk)");
        OPTIONS.put("sheet-rows", "N  data rows per workbook sheet before Deals 2, ... is started");
        OPTIONS.put("max-rejected", "PERCENT  above this share of rows rejected the night is published as "
                + "INCOMPLETE (banner on every page, run.json complete=false, exit code 4)");
        OPTIONS.put("chunk-size", "N  export rows per transaction during ingest (a restart redoes at most one)");
        OPTIONS.put("rerun", "compute a completed run date again (new reports replace the old ones)");
        OPTIONS.put("keep-reports", "DAYS  after a publish, remove report folders named by a date more than DAYS "
                + "days before the run date (0 keeps all)");
        OPTIONS.put("keep-runs", "N  after a publish, remove the per-deal history (state files, rows) older than "
                + "the N latest published runs (run totals, forecast calls and win rates are kept)");
        OPTIONS.put("mail-managers", "ADDR[,ADDR...]  after a publish, mail forecast.pdf with the key figures "
                + "(SMTP server: spring.mail.host, spring.mail.port, spring.mail.username, spring.mail.password)");
        OPTIONS.put("mail-finance", "ADDR[,ADDR...]  after a publish, mail pipeline.xlsx with the key figures");
        OPTIONS.put("mail-failures", "ADDR[,ADDR...]  mail the cause, exit code, last 50 log lines and the command "
                + "to start again when a run exits non-zero");
        OPTIONS.put("recipients", "FILE  YAML list of recipients: address, report (forecast|pipeline) and an "
                + "optional team; a team's recipients get forecast.pdf of that team's deals only. Checked before the "
                + "run (exit 2 naming the file and line)");
        OPTIONS.put("mail-from", "ADDR  sender of the mails");
        OPTIONS.put("mail-attempts", "N  attempts per mail before it is recorded as failed");
        OPTIONS.put("mail-retry-seconds", "N  pause between attempts");
        OPTIONS.put("mail-max-attachment-mb", "N  a larger report is not attached; the mail names its path "
                + "(0: no limit)");
        OPTIONS.put("schedule", "CRON  keep running and start one run per firing of this Spring cron expression in "
                + "--zone (e.g. '0 0 2 * * *'); never two at once; a firing missed while down runs once at start");
        OPTIONS.put("validate-only", "read and check every export and print what the night would do (rows, "
                + "rejected by reason, unknown stages with mapping lines, checklist coverage, fx rates missing, "
                + "duplicates); writes no history and no reports; exit code as the night's (0, 2, 3, 4)");
        OPTIONS.put("status", "print the last runs from the history (date, status, complete, rows, rejected, "
                + "weighted forecasts, duration); exit 0 when the latest is published and complete, else 1. With "
                + "--run-date: the runs up to that date");
        OPTIONS.put("status-runs", "N  runs that --status lists");
        OPTIONS.put("list-playbooks", "print the built-in playbooks: stages, probabilities, categories");
        OPTIONS.put("help", "print this help");
    }

    /** Options that are switches: {@code --rerun} means {@code --rerun=true}. */
    private static final java.util.Set<String> FLAGS = java.util.Set.of("rerun", "validate-only", "status");

    private CommandLineOptions() {
    }

    /** The arguments for Spring, or an exception naming the first option that is not understood. */
    public static String[] toSpringArguments(String[] args) {
        List<String> out = new ArrayList<>();
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "': options look like --name=value");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value = eq < 0 ? null : arg.substring(eq + 1);
            if (name.startsWith("spring.") || name.startsWith("logging.") || name.startsWith("pipeline.")
                    || name.equals("debug") || name.equals("trace")) {
                out.add(arg);
            } else if (!OPTIONS.containsKey(name) || name.equals("help") || name.equals("list-playbooks")) {
                throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
            } else if (FLAGS.contains(name)) {
                out.add("--pipeline." + name + "=" + (value == null ? "true" : value));
            } else if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("--" + name + " needs a value: --" + name + "=...");
            } else if (name.equals("input")) {
                inputs.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                checkValue(name, value);
                out.add("--pipeline." + name + "=" + value);
            }
        }
        inputs.forEach((name, values) -> out.add("--pipeline.input=" + String.join(",", values)));
        return out.toArray(String[]::new);
    }

    /** Options whose value is a whole number, and the one that is a decimal. */
    private static final java.util.Set<String> WHOLE_NUMBERS = java.util.Set.of("chunk-size", "top-deals", "sheet-rows",
            "fiscal-year-start", "calibration-min-deals", "reports-lock-wait");

    /** A value that cannot even be bound is refused here, naming the option and the value. */
    private static void checkValue(String name, String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        if (WHOLE_NUMBERS.contains(name)) {
            try {
                Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + ": expected a whole number, found '" + shown + "'");
            }
        } else if (name.equals("probability-margin")) {
            try {
                new java.math.BigDecimal(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + ": expected a number such as 0.10, found '" + shown
                        + "'");
            }
        }
    }

    public static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /** @param defaults each option's default ({@code OptionDefaults}), shown after its description */
    public static String help(Map<String, String> defaults) {
        StringBuilder text = new StringBuilder();
        text.append("Pipeline Forecast: the nightly stage-weighted forecast from CRM deal exports.\n\n");
        text.append("Usage: java -jar target/pipeline-forecast.jar [options]\n");
        text.append("       ./mvnw spring-boot:run -Dspring-boot.run.arguments=\"[options]\"\n\nOptions:\n");
        OPTIONS.forEach((name, description) -> {
            int split = description.indexOf("  ");
            String argument = split > 0 && !description.startsWith(" ") ? "=" + description.substring(0, split) : "";
            String rest = split > 0 ? description.substring(split + 2) : description;
            if (defaults.containsKey(name) && !rest.contains("Default:")) {
                rest = rest + ". Default: " + defaults.get(name);
            }
            text.append(String.format("  --%-28s %s%n", name + argument, rest));
        });
        text.append("\nExit codes: 0 success (also: date already complete), 1 job failed (start again with the same\n");
        text.append("--run-date to continue), 2 bad options or configuration, 3 input unusable, 4 published but\n");
        text.append("incomplete (more rows rejected than --max-rejected allows).\n");
        text.append("Database: embedded HSQLDB in data/ by default; --spring.profiles.active=postgres with\n");
        text.append("PIPELINE_DB_URL, PIPELINE_DB_USER, PIPELINE_DB_PASSWORD for PostgreSQL.\n");
        return text.toString();
    }
}
