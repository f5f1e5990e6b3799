package com.pipelineforecast.ingest;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.Stage;

/**
 * Resolves an exported stage value to a playbook stage: first the mapping file ({@code --mapping}), then the
 * playbook's ids, names and aliases, then the built-in CRM vocabularies (where the playbook has their stage). Says
 * which of them decided, for the run's record of the mapping used; suggests a stage for a value none of them knows.
 */
public final class StageResolver {

    public static final String BY_MAPPING_FILE = "mapping file";
    public static final String BY_PLAYBOOK = "playbook";

    /** A resolved value: the stage and what decided it (mapping file, playbook, or the CRMs' names). */
    public record Resolution(Stage stage, String source) {
    }

    private static final Set<String> STOP_WORDS = Set.of("to", "the", "a", "an", "of", "and", "in", "id");

    private final Playbook playbook;
    private final ColumnMapping mapping;
    private final StageVocabulary vocabulary;

    public StageResolver(Playbook playbook, ColumnMapping mapping, StageVocabulary vocabulary) {
        this.playbook = playbook;
        this.mapping = mapping;
        this.vocabulary = vocabulary;
    }

    public Optional<Resolution> resolve(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String mapped = mapping.mappedStage(value);
        if (mapped != null) {
            return playbook.resolve(mapped).map(stage -> new Resolution(stage, BY_MAPPING_FILE));
        }
        Optional<Stage> own = playbook.resolve(value);
        if (own.isPresent()) {
            return Optional.of(new Resolution(own.get(), BY_PLAYBOOK));
        }
        StageVocabulary.Entry entry = vocabulary.lookup(value);
        if (entry != null) {
            return playbook.stages().stream().filter(s -> s.id().equals(entry.stageId())).findFirst()
                    .map(stage -> new Resolution(stage, String.join(", ", entry.crms())));
        }
        return Optional.empty();
    }

    /**
     * The stage whose id, name, aliases or CRM names share the most words with an unknown value, or the playbook's
     * first forecast stage when none shares a word; {@code similar} says which.
     */
    public Suggestion suggest(String value) {
        Set<String> words = words(value);
        Stage best = null;
        int bestScore = 0;
        for (Stage stage : playbook.stages()) {
            Set<String> known = new HashSet<>(words(stage.id()));
            known.addAll(words(stage.name()));
            stage.aliases().forEach(alias -> known.addAll(words(alias)));
            vocabulary.entries().stream().filter(e -> e.stageId().equals(stage.id()))
                    .forEach(e -> known.addAll(words(e.value())));
            int score = (int) words.stream().filter(known::contains).count();
            if (score > bestScore) {
                best = stage;
                bestScore = score;
            }
        }
        if (best != null) {
            return new Suggestion(best, true);
        }
        Stage first = playbook.stages().stream().filter(Stage::isForecast).findFirst()
                .orElse(playbook.stages().get(0));
        return new Suggestion(first, false);
    }

    /** A stage proposed for an unknown value; {@code similar} is false when it is only the first forecast stage. */
    public record Suggestion(Stage stage, boolean similar) {
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            // numbers ("4" of "4-Close") say nothing about what a stage means
            if (!word.isEmpty() && !STOP_WORDS.contains(word) && !word.chars().allMatch(Character::isDigit)) {
                words.add(word.length() > 5 ? word.substring(0, 5) : word);
            }
        }
        return words;
    }

    /** The playbook's stage ids, for messages. */
    public List<String> stageIds() {
        return playbook.stages().stream().map(Stage::id).toList();
    }
}
