package com.pipelineforecast.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipientsFileTest {

    @TempDir
    Path folder;

    @Test
    void readsWholeReportAndTeamRecipients() throws IOException {
        Path file = write("""
                - address: anna@example.com
                  report: forecast
                - {address: finance@example.com, report: Pipeline}
                - address: lead@example.com
                  report: forecast
                  team: "APAC-TH"
                """);
        assertThat(RecipientsFile.load(file)).containsExactly(
                new RecipientsFile.Recipient("anna@example.com", "forecast", null, 1),
                new RecipientsFile.Recipient("finance@example.com", "pipeline", null, 3),
                new RecipientsFile.Recipient("lead@example.com", "forecast", "APAC-TH", 4));
    }

    @Test
    void namesTheFileAndLineOfEachProblem() throws IOException {
        problem("recipients:\n  - address: a@example.com\n", ":1: expected a list of recipients");
        problem("- address: a@example.com\n  report: forecast\n  teem: DACH\n", ":3: unknown field 'teem'");
        problem("- address: a@example.com\n  report: forecast\n- report: forecast\n", ":3: a recipient without 'address:'");
        problem("- address: a@example.com\n", ":1: a recipient without 'report:'");
        problem("- address: anna at example.com\n  report: forecast\n", ":1: not a mail address: 'anna at example.com'");
        problem("- address: a@example.com\n  report: slides\n", ":2: report must be forecast");
        problem("- address: a@example.com\n  report: pipeline\n  team: DACH\n", ":3: only the forecast can be");
        problem("- address: a@example.com\n  report: forecast\n  team: [DACH, NA]\n", ":3: expected a team name");
        problem("- address: a@example.com\n  report: forecast\n- address: A@example.com\n  report: forecast\n",
                ":3: A@example.com gets this report twice (also on line 1)");
        problem("- address: a@example.com\n  address: b@example.com\n  report: forecast\n", ":2: 'address' appears twice");
        problem("[]\n", ":1: no recipients");
        problem("", ": no recipients");
        problem("- address: a@example.com\n  report: [forecast\n", ": not valid YAML");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = folder.resolve("none.yml");
        assertThatThrownBy(() -> RecipientsFile.load(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--recipients: " + missing + ": cannot be read: no such file");
    }

    @Test
    void typeTagsAreNeverConstructed() throws IOException {
        Path file = write("- address: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL "
                + "[\"http://localhost/\"]]]]\n  report: forecast\n");
        assertThatThrownBy(() -> RecipientsFile.load(file)).hasMessageContaining(file + ": not valid YAML: Global tag "
                + "is not allowed").hasMessageContaining("line 1, column 12");
    }

    private void problem(String yaml, String message) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> RecipientsFile.load(file)).as(yaml).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--recipients: " + file).hasMessageContaining(file + message);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(folder, "recipients", ".yml"), yaml, StandardCharsets.UTF_8);
    }
}
