package com.pipelineforecast;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.pipelineforecast.job.CommandLineOptions;
import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.PipelineProperties;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.job.ValidateOnly;
import com.pipelineforecast.ops.NightlyOperations;
import com.pipelineforecast.ops.NightlySchedule;
import com.pipelineforecast.ops.OperationsOptions;
import com.pipelineforecast.ops.RunStatus;
import com.pipelineforecast.playbook.PlaybookCatalog;

/**
 * One run from command-line arguments to exit code: {@code --help}, option errors (exit 2) before Spring starts,
 * then the nightly run in a fresh application context that is closed (and the database shut down) afterwards.
 */
public final class PipelineForecastLauncher {

    /** HSQLDB's refusal to open a database whose lock file another process holds; group 1 is the file. */
    private static final Pattern HSQLDB_LOCK = Pattern.compile(
            "lockFile: .*\\[file =([^,]+),");

    private PipelineForecastLauncher() {
    }

    public static int run(String[] args) {
        if (CommandLineOptions.wantsHelp(args)) {
            System.out.print(CommandLineOptions.help(OptionDefaults.all()));
            return ExitCode.SUCCESS.code();
        }
        if (Arrays.asList(args).contains("--list-playbooks")) {
            System.out.print(PlaybookCatalog.describe());
            return ExitCode.SUCCESS.code();
        }
        return start(args, true);
    }

    /** Starts Spring with the arguments and does what they ask; {@code scheduling}: --schedule is honoured. */
    private static int start(String[] args, boolean scheduling) {
        String[] springArgs;
        try {
            springArgs = CommandLineOptions.toSpringArguments(args);
        } catch (IllegalArgumentException e) {
            System.err.println("pipeline-forecast: " + e.getMessage());
            return ExitCode.BAD_OPTIONS.code();
        }
        boolean validateOnly = flag(args, "--validate-only");
        if (validateOnly) {
            springArgs = throwawayDatabase(springArgs);
        }
        ConfigurableApplicationContext context;
        try {
            context = SpringApplication.run(PipelineForecastApplication.class, springArgs);
        } catch (SpringApplication.AbandonedRunException aotProcessing) {
            // the build's AOT processing stops the application once its context is worked out
            throw aotProcessing;
        } catch (RuntimeException e) {
            if (Arrays.asList(args).contains("--debug")) {
                e.printStackTrace();
            }
            String binding = bindingFailure(e);
            if (binding != null) {
                System.err.println("pipeline-forecast: " + binding);
                return ExitCode.BAD_OPTIONS.code();
            }
            String cause = rootMessage(e);
            Matcher lockFile = HSQLDB_LOCK.matcher(cause == null ? "" : cause);
            if (lockFile.find()) {
                System.err.println("pipeline-forecast: not started: another run is using the database (lock file "
                        + lockFile.group(1).trim() + "); start it again when that one has ended");
                return ExitCode.JOB_FAILED.code();
            }
            String full = com.pipelineforecast.job.DiskFull.describe(e, databaseFolder(args));
            if (full != null) {
                // the database cannot even be opened for want of space: a restart fixes it once space is freed
                System.err.println("pipeline-forecast: not started: " + full + "; free space and start it again");
                return ExitCode.JOB_FAILED.code();
            }
            System.err.println("pipeline-forecast: cannot start: " + cause);
            return ExitCode.BAD_OPTIONS.code();
        }
        String schedule = context.getBean(OperationsOptions.class).schedule();
        if (scheduling && schedule != null && !schedule.isBlank() && !flag(args, "--status")
                && !flag(args, "--validate-only")) {
            return schedule(args, context, schedule);
        }
        try (context) {
            if (flag(args, "--status")) {
                return status(context);
            }
            if (validateOnly) {
                try {
                    // the recipients file is checked as the night checks it
                    context.getBean(OperationsOptions.class).recipientsList();
                } catch (IllegalArgumentException e) {
                    System.err.println("pipeline-forecast: " + e.getMessage());
                    return ExitCode.BAD_OPTIONS.code();
                }
                return context.getBean(ValidateOnly.class).run(context.getBean(PipelineProperties.class)).outcome()
                        .exitCode().code();
            }
            RunOutcome outcome = context.getBean(NightlyOperations.class).run(context.getBean(PipelineProperties.class),
                    context.getBean(OperationsOptions.class), Arrays.asList(args));
            return outcome.exitCode().code();
        }
    }

    /**
     * {@code --schedule=CRON}: keeps running and starts one run per firing, each in a Spring context of its own that
     * is closed afterwards (so the embedded database is free between runs for {@code --status} or a manual start).
     */
    private static int schedule(String[] args, ConfigurableApplicationContext context, String cron) {
        NightlySchedule schedule;
        java.util.Optional<java.time.LocalDate> lastCompleted;
        try (context) {
            PipelineProperties options = context.getBean(PipelineProperties.class);
            if (options.runDate() != null && !options.runDate().isBlank()) {
                throw new IllegalArgumentException("--schedule takes the run date from each firing: leave out "
                        + "--run-date");
            }
            java.time.ZoneId zone = options.zone() == null || options.zone().isBlank()
                    ? java.time.ZoneId.systemDefault() : java.time.ZoneId.of(options.zone());
            java.time.Clock clock = java.time.Clock.system(zone);
            schedule = new NightlySchedule(cron, zone, clock, NightlySchedule.realTime(clock));
            lastCompleted = context.getBean(RunStatus.class).lastCompleted(java.time.LocalDate.now(clock));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            System.err.println("pipeline-forecast: " + e.getMessage());
            return ExitCode.BAD_OPTIONS.code();
        }
        List<String> night = Arrays.stream(args).filter(a -> !a.startsWith("--schedule")).toList();
        try {
            schedule.run(date -> lastCompleted, date -> {
                List<String> firing = new java.util.ArrayList<>(night);
                firing.add("--run-date=" + date);
                int code = start(firing.toArray(String[]::new), false);
                ExitCode exit = Arrays.stream(ExitCode.values()).filter(e -> e.code() == code).findFirst()
                        .orElse(ExitCode.JOB_FAILED);
                return new RunOutcome(exit, "exit code " + code, null, null);
            }, Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.SUCCESS.code();
    }

    /** {@code --status}: 0 when the latest run is published and complete, 1 otherwise, 2 for a bad option. */
    private static int status(ConfigurableApplicationContext context) {
        PipelineProperties options = context.getBean(PipelineProperties.class);
        java.time.ZoneId zone;
        java.time.LocalDate asOf;
        try {
            zone = options.zone() == null || options.zone().isBlank() ? java.time.ZoneId.systemDefault()
                    : java.time.ZoneId.of(options.zone());
            asOf = options.runDate() == null || options.runDate().isBlank() ? null
                    : java.time.LocalDate.parse(options.runDate().trim());
        } catch (java.time.DateTimeException e) {
            System.err.println("pipeline-forecast: --zone or --run-date: " + e.getMessage());
            return ExitCode.BAD_OPTIONS.code();
        }
        boolean ok = context.getBean(RunStatus.class).print(java.nio.file.Path.of(options.reports()),
                context.getBean(OperationsOptions.class).statusRuns(), java.time.LocalDate.now(zone), asOf);
        return ok ? ExitCode.SUCCESS.code() : ExitCode.JOB_FAILED.code();
    }

    /** Whether a switch is given ({@code --name} or {@code --name=true}). */
    static boolean flag(String[] args, String option) {
        return Arrays.stream(args).anyMatch(a -> a.equals(option) || a.equalsIgnoreCase(option + "=true"));
    }

    /**
     * A dry run touches no history: it gets an in-memory database of its own (so it also works while the night
     * holds the embedded database, and never connects to PostgreSQL), unless the command line names one.
     */
    static String[] throwawayDatabase(String[] springArgs) {
        java.util.List<String> args = new java.util.ArrayList<>(Arrays.asList(springArgs));
        java.util.Map<String, String> database = new java.util.LinkedHashMap<>();
        database.put("spring.datasource.url", "jdbc:hsqldb:mem:validate-only-" + ProcessHandle.current().pid());
        database.put("spring.datasource.username", "SA");
        database.put("spring.datasource.password", "");
        database.put("spring.datasource.driver-class-name", "org.hsqldb.jdbc.JDBCDriver");
        database.forEach((name, value) -> {
            if (args.stream().noneMatch(a -> a.startsWith("--" + name + "="))) {
                args.add("--" + name + "=" + value);
            }
        });
        return args.toArray(String[]::new);
    }

    /**
     * A setting that cannot be bound (an environment variable or property such as {@code PIPELINE_CHUNK_SIZE=lots}):
     * the setting and its value, or null when the failure is something else.
     */
    static String bindingFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.boot.context.properties.bind.BindException bind) {
                var property = bind.getProperty();
                String name = property != null ? property.getName().toString() : bind.getName().toString();
                String value = property != null ? String.valueOf(property.getValue()) : "";
                if (value.length() > 40) {
                    value = value.substring(0, 40) + "…";
                }
                String option = name.startsWith("pipeline.") ? "--" + name.substring("pipeline.".length()) + " ("
                        + name + ")" : name;
                return option + ": cannot use '" + value + "'"
                        + (bind.getTarget() != null && bind.getTarget().getType() != null
                                ? " (expected " + bind.getTarget().getType() + ")" : "");
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** The embedded database's folder as the arguments, the environment or the default name it. */
    private static java.nio.file.Path databaseFolder(String[] args) {
        String folder = System.getenv().getOrDefault("PIPELINE_DATABASE", "data");
        for (String arg : args) {
            if (arg.startsWith("--pipeline.database=")) {
                folder = arg.substring("--pipeline.database=".length());
            }
        }
        return java.nio.file.Path.of(folder);
    }
}
