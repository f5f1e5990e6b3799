package com.pipelineforecast.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Whether tonight's exports are byte for byte the ones of the previous published night (same files, same SHA-256):
 * usually a CRM export that did not run, which the night would otherwise report silently as "nothing moved".
 */
@Component
public class InputChangeCheck {

    private final ForecastRunRepository runs;

    public InputChangeCheck(ForecastRunRepository runs) {
        this.runs = runs;
    }

    /** The previous published night before the run date, when its run.json is still in the reports folder. */
    public Optional<LocalDate> previousNight(LocalDate runDate) {
        return runs.previousPublishedDate(runDate);
    }

    /**
     * @param inputs tonight's inputs as {@code file sha256} lines
     * @return the previous night's date when its inputs were exactly these, else empty
     */
    public Optional<LocalDate> unchangedSince(LocalDate runDate, Path reports, Set<String> inputs) {
        if (inputs.isEmpty()) {
            return Optional.empty();
        }
        Optional<LocalDate> previous = previousNight(runDate);
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        Path manifest = reports.resolve(previous.get().toString()).resolve("run.json");
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        Set<String> before = new TreeSet<>();
        try {
            for (JsonNode input : new ObjectMapper().readTree(manifest.toFile()).path("inputs")) {
                before.add(input.path("file").asText() + " " + input.path("sha256").asText());
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return before.equals(new TreeSet<>(inputs)) ? previous : Optional.empty();
    }
}
