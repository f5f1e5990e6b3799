package com.pipelineforecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.pipelineforecast.job.CommandLineOptions;
import com.pipelineforecast.job.PipelineProperties;
import com.pipelineforecast.ops.OperationsOptions;
import com.pipelineforecast.report.ReportLimits;

/** Option defaults are written once, in the properties records; the help and the README show those. */
class OptionDefaultsTest {

    private static final Pattern README_ROW = Pattern.compile("^\\| `--([a-z-]+)[^`]*` \\| `([^`]*)` \\|",
            Pattern.MULTILINE);

    @Test
    void theReadmeOptionTableShowsTheDefaultsTheOptionsHave() throws IOException {
        Map<String, String> readme = new LinkedHashMap<>();
        Matcher row = README_ROW.matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            readme.put(row.group(1), row.group(2));
        }
        Map<String, String> defaults = OptionDefaults.all();
        assertThat(defaults).containsKeys("chunk-size", "top-deals", "keep-runs", "keep-reports", "reports-lock-wait",
                "max-rejected", "mail-attempts");
        // every default in the README is the one the option has, and every option with a default is in the README
        assertThat(readme).containsExactlyInAnyOrderEntriesOf(defaults);
    }

    @Test
    void theHelpShowsEachDefault() {
        String help = CommandLineOptions.help(OptionDefaults.all());
        OptionDefaults.all().forEach((name, value) -> assertThat(help).containsPattern(
                "--" + Pattern.quote(name) + "[^\\n]*(\\n {30}[^\\n]*)*Default: " + Pattern.quote(value)));
    }

    @Test
    void theDefaultObjectsAreBoundFromTheSameAnnotations() {
        Map<String, String> defaults = OptionDefaults.all();
        assertThat(PipelineProperties.DEFAULTS.chunkSize()).isEqualTo(Integer.parseInt(defaults.get("chunk-size")));
        assertThat(PipelineProperties.DEFAULTS.input()).containsExactly(defaults.get("input"));
        assertThat(ReportLimits.DEFAULT.topDeals()).isEqualTo(Integer.parseInt(defaults.get("top-deals")));
        assertThat(OperationsOptions.DEFAULT.keepRuns()).isEqualTo(Integer.parseInt(defaults.get("keep-runs")));
        assertThat(OperationsOptions.DEFAULT.mailFrom()).isEqualTo(defaults.get("mail-from"));
    }
}
