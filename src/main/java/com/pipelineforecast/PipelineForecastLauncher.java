package com.pipelineforecast;

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

    private PipelineForecastLauncher() {
    }

    public static int run(String[] args) {
        if (CommandLineOptions.wantsHelp(args)) {
            System.out.print(CommandLineOptions.help());
            return ExitCode.SUCCESS.code();
        }
        if (java.util.Arrays.asList(args).contains("--list-playbooks")) {
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
            System.err.println("pipeline-forecast: cannot start: " + rootMessage(e));
            return ExitCode.BAD_OPTIONS.code();
        }
        try (context) {
            RunOutcome outcome = context.getBean(NightlyRun.class).run(context.getBean(PipelineProperties.class));
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
