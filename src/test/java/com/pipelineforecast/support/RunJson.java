package com.pipelineforecast.support;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A published run.json, read back for assertions. */
public record RunJson(JsonNode root) {

    public static RunJson read(Path reportFolder) {
        try {
            return new RunJson(new ObjectMapper().readTree(reportFolder.resolve("run.json").toFile()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read run.json in " + reportFolder, e);
        }
    }

    public long count(String name) {
        return root.path("counts").path(name).asLong(-1);
    }

    public BigDecimal total(String name) {
        return new BigDecimal(root.path("totals").path(name).asText());
    }

    public JsonNode stage(String id) {
        for (JsonNode stage : root.path("byStage")) {
            if (stage.path("stage").asText().equals(id)) {
                return stage;
            }
        }
        throw new AssertionError("no stage " + id + " in run.json");
    }
}
