package com.pipelineforecast;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the nightly job once and exits with its exit code. */
@SpringBootApplication
public class PipelineForecastApplication {

    public static void main(String[] args) {
        System.exit(PipelineForecastLauncher.run(args));
    }
}
