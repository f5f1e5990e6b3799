package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class CommandLineOptionsTest {

    @Test
    void translatesOptionsToPipelineProperties() {
        assertThat(CommandLineOptions.toSpringArguments(new String[] {"--input=a", "--input=b.csv",
            "--run-date=2026-11-22", "--playbook=six-stage", "--reporting-currency=EUR", "--reports=out", "--rerun",
            "--spring.profiles.active=postgres"}))
                .containsExactly("--pipeline.run-date=2026-11-22", "--pipeline.playbook=six-stage",
                        "--pipeline.reporting-currency=EUR", "--pipeline.reports=out", "--pipeline.rerun=true",
                        "--spring.profiles.active=postgres", "--pipeline.input=a,b.csv");
    }

    @Test
    void refusesUnknownOptionsAndMissingValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> CommandLineOptions.toSpringArguments(
                new String[] {"--run-dat=2026-11-22"})).withMessage("unknown option --run-dat (see --help)");
        assertThatIllegalArgumentException().isThrownBy(() -> CommandLineOptions.toSpringArguments(
                new String[] {"--input"})).withMessage("--input needs a value: --input=...");
        assertThatIllegalArgumentException().isThrownBy(() -> CommandLineOptions.toSpringArguments(
                new String[] {"input"})).withMessageContaining("unexpected argument 'input'");
    }

    @Test
    void helpListsEveryOptionOfTheReadme() {
        assertThat(CommandLineOptions.wantsHelp(new String[] {"--help"})).isTrue();
        assertThat(CommandLineOptions.help(com.pipelineforecast.OptionDefaults.all())).contains("--input=DIR|FILE", "--run-date=YYYY-MM-DD",
                "--playbook=ID|FILE", "--reporting-currency=CODE", "--reports=DIR", "--rerun", "Exit codes");
    }
}
