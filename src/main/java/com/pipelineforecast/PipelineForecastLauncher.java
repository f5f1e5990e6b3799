package com.pipelineforecast;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.pipelineforecast.job.CommandLineOptions;
import com.pipelineforecast.job.ExitCode;
import com.pipelineforecast.job.PipelineProperties;
import com.pipelineforecast.job.RunOutcome;
import com.pipelineforecast.ops.NightlyOperations;
import com.pipelineforecast.ops.OperationsOptions;
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
            RunOutcome outcome = context.getBean(NightlyOperations.class).run(context.getBean(PipelineProperties.class),
                    context.getBean(OperationsOptions.class));
            return outcome.exitCode().code();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
