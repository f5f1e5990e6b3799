package com.pipelineforecast;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.pipelineforecast.job.CommandLineOptions;
import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.NightlyRun;
import com.pipelineforecast.job.PipelineProperties;
import com.pipelineforecast.job.RunOutcome;
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
            System.out.print(CommandLineOptions.help());
            return ExitCode.SUCCESS.code();
        }
        if (Arrays.asList(args).contains("--list-playbooks")) {
            System.out.print(PlaybookCatalog.describe());
            return ExitCode.SUCCESS.code();
        }
        String[] springArgs;
        try {
            springArgs = CommandLineOptions.toSpringArguments(args);
        } catch (IllegalArgumentException e) {
            System.err.println("pipeline-forecast: " + e.getMessage());
            return ExitCode.BAD_OPTIONS.code();
        }
        ConfigurableApplicationContext context;
        try {
            context = SpringApplication.run(PipelineForecastApplication.class, springArgs);
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
            System.err.println("pipeline-forecast: cannot start: " + cause);
            return ExitCode.BAD_OPTIONS.code();
        }
        try (context) {
            RunOutcome outcome = context.getBean(NightlyRun.class).run(context.getBean(PipelineProperties.class));
            return outcome.exitCode().code();
        }
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
}
