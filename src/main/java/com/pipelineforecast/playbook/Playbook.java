package com.pipelineforecast.playbook;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ordered stages of a selling cycle with their checklists. Immutable. */
public final class Playbook {

    private final String id;
    private final String name;
    private final String rulesCurrency;
    private final List<Stage> stages;
    private final Map<String, Stage> byKey = new HashMap<>();

    public Playbook(String id, String name, String rulesCurrency, List<Stage> stages) {
        this.id = id;
        this.name = name;
        this.rulesCurrency = rulesCurrency;
        this.stages = List.copyOf(stages);
        for (Stage stage : this.stages) {
            byKey.putIfAbsent(Names.normalize(stage.id()), stage);
            byKey.putIfAbsent(Names.normalize(stage.name()), stage);
            stage.aliases().forEach(alias -> byKey.putIfAbsent(Names.normalize(alias), stage));
        }
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String rulesCurrency() {
        return rulesCurrency;
    }

    public List<Stage> stages() {
        return stages;
    }

    /** Resolves a stage by id, name or alias, ignoring case, spaces and punctuation. */
    public Optional<Stage> resolve(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byKey.get(Names.normalize(value)));
    }

    public Stage stage(String id) {
        return stages.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + id + " in playbook " + this.id));
    }
}
