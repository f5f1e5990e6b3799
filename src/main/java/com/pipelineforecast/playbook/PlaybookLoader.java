package com.pipelineforecast.playbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads a playbook from YAML: a built-in one by id ({@code six-stage}) or a file. Every problem is reported
 * with the source and line, before any deal is read.
 */
public final class PlaybookLoader {

    public static final String DEFAULT_ID = "six-stage";
    public static final List<String> BUILT_IN = List.of("six-stage", "basic", "complex", "dynamics", "osp");
    /** The {@code check: auto} items the job knows how to evaluate. */
    public static final Set<String> AUTO_CHECKS = Set.of("duplicate_checked");

    private static final Set<String> PLAYBOOK_KEYS = Set.of("id", "name", "rules_currency", "description", "stages");
    private static final Set<String> STAGE_KEYS = Set.of("id", "name", "aliases", "probability", "category",
            "outcome", "lead", "checklist", "description", "entry");
    private static final Set<String> ITEM_KEYS = Set.of("id", "label", "required", "check", "when", "description");

    /** Loads a built-in playbook by id, or a YAML file when the argument is not a built-in id. */
    public Playbook load(String idOrFile) {
        if (BUILT_IN.contains(idOrFile)) {
            String resource = "/playbooks/" + idOrFile + ".yml";
            try (InputStream in = PlaybookLoader.class.getResourceAsStream(resource)) {
                return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "built-in playbook " + idOrFile);
            } catch (IOException e) {
                throw new PlaybookException("cannot read built-in playbook " + idOrFile + ": " + e.getMessage());
            }
        }
        Path file = Path.of(idOrFile);
        if (!Files.isRegularFile(file)) {
            throw new PlaybookException("unknown playbook '" + idOrFile + "': not a built-in id " + BUILT_IN
                    + " and no such file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new PlaybookException("cannot read playbook file " + file + ": " + e.getMessage());
        }
    }

    Playbook parse(Reader reader, String source) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (YAMLException e) {
            throw new PlaybookException(source + ": not valid YAML: " + yamlProblem(e));
        }
        if (root == null) {
            throw new PlaybookException(source + ": the file is empty");
        }
        return new Parse(source).playbook(root);
    }

    /** One parse, carrying the source name for messages. */
    private record Parse(String source) {

        Playbook playbook(Node root) {
            Map<String, Node> fields = mapping(root, PLAYBOOK_KEYS, "playbook");
            String id = requiredText(fields, "id", root);
            String name = optionalText(fields, "name", id);
            String rulesCurrency = optionalText(fields, "rules_currency", "USD").toUpperCase();
            if (!rulesCurrency.matches("[A-Z]{3}")) {
                throw error(fields.get("rules_currency"), "rules_currency must be an ISO 4217 code, found '"
                        + rulesCurrency + "'");
            }
            Node stagesNode = fields.get("stages");
            if (!(stagesNode instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
                throw error(stagesNode == null ? root : stagesNode, "a playbook needs a non-empty list of stages");
            }
            List<Stage> stages = new ArrayList<>();
            Set<String> stageIds = new HashSet<>();
            Set<String> itemIds = new HashSet<>();
            for (Node stageNode : sequence.getValue()) {
                Stage stage = stage(stageNode, stages.size(), itemIds);
                if (!stageIds.add(stage.id())) {
                    throw error(stageNode, "duplicate stage id '" + stage.id() + "'");
                }
                stages.add(stage);
            }
            checkProbabilitiesRise(stages, sequence);
            return new Playbook(id, name, rulesCurrency, stages);
        }

        /** The checklist can only lower a deal's stage, so it must never raise its weight. */
        void checkProbabilitiesRise(List<Stage> stages, SequenceNode nodes) {
            Stage previous = null;
            for (int i = 0; i < stages.size(); i++) {
                Stage stage = stages.get(i);
                if (!stage.isForecast()) {
                    continue;
                }
                if (previous != null && stage.probability().compareTo(previous.probability()) < 0) {
                    throw error(nodes.getValue().get(i), "probability of open stage '" + stage.id() + "' ("
                            + stage.probability() + ") is below that of the earlier stage '" + previous.id() + "' ("
                            + previous.probability() + "): open stages must not lose probability as deals advance");
                }
                previous = stage;
            }
        }

        Stage stage(Node node, int order, Set<String> itemIds) {
            Map<String, Node> fields = mapping(node, STAGE_KEYS, "stage");
            String id = requiredText(fields, "id", node);
            String name = optionalText(fields, "name", id);
            List<String> aliases = new ArrayList<>();
            Node aliasNode = fields.get("aliases");
            if (aliasNode instanceof SequenceNode list) {
                list.getValue().forEach(alias -> aliases.add(scalar(alias, "alias")));
            } else if (aliasNode != null) {
                throw error(aliasNode, "aliases must be a list");
            }
            BigDecimal probability = probability(fields.get("probability"), node, id);
            Outcome outcome = Outcome.OPEN;
            if (fields.containsKey("outcome")) {
                String value = scalar(fields.get("outcome"), "outcome");
                outcome = switch (value) {
                    case "won" -> Outcome.WON;
                    case "lost" -> Outcome.LOST;
                    default -> throw error(fields.get("outcome"), "outcome must be won or lost, found '" + value
                            + "'");
                };
            }
            ForecastCategory category = category(fields.get("category"), outcome);
            boolean lead = bool(fields.get("lead"), false);
            List<ChecklistItem> checklist = new ArrayList<>();
            Node checklistNode = fields.get("checklist");
            if (checklistNode instanceof SequenceNode items) {
                for (Node itemNode : items.getValue()) {
                    ChecklistItem item = item(itemNode);
                    if (!itemIds.add(item.id())) {
                        throw error(itemNode, "duplicate checklist item id '" + item.id() + "'");
                    }
                    checklist.add(item);
                }
            } else if (checklistNode != null) {
                throw error(checklistNode, "checklist must be a list of items");
            }
            return new Stage(id, name, order, List.copyOf(aliases), probability, category, outcome, lead,
                    List.copyOf(checklist));
        }

        ChecklistItem item(Node node) {
            Map<String, Node> fields = mapping(node, ITEM_KEYS, "checklist item");
            String id = requiredText(fields, "id", node);
            String label = optionalText(fields, "label", id);
            boolean required = bool(fields.get("required"), true);
            CheckKind check = CheckKind.MANUAL;
            if (fields.containsKey("check")) {
                String value = scalar(fields.get("check"), "check");
                check = switch (value) {
                    case "manual" -> CheckKind.MANUAL;
                    case "date" -> CheckKind.DATE;
                    case "auto" -> CheckKind.AUTO;
                    default -> throw error(fields.get("check"), "check must be manual, date or auto, found '"
                            + value + "'");
                };
            }
            if (check == CheckKind.AUTO && !AUTO_CHECKS.contains(id)) {
                throw error(fields.get("check"), "no automatic check named '" + id + "' (known: " + AUTO_CHECKS + ")");
            }
            Condition when = Condition.ALWAYS;
            if (fields.containsKey("when")) {
                try {
                    when = ConditionParser.parse(scalar(fields.get("when"), "when"));
                } catch (IllegalArgumentException e) {
                    throw error(fields.get("when"), "bad when: condition: " + e.getMessage());
                }
            }
            return new ChecklistItem(id, label, required, check, when);
        }

        BigDecimal probability(Node node, Node stage, String stageId) {
            if (node == null) {
                throw error(stage, "stage '" + stageId + "' has no probability");
            }
            String text = scalar(node, "probability");
            try {
                BigDecimal value = new BigDecimal(text);
                if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
                    throw error(node, "probability of stage '" + stageId + "' must be between 0 and 1, found "
                            + text);
                }
                return value;
            } catch (NumberFormatException e) {
                throw error(node, "probability of stage '" + stageId + "' is not a number: '" + text + "'");
            }
        }

        ForecastCategory category(Node node, Outcome outcome) {
            if (node == null) {
                return outcome == Outcome.WON ? ForecastCategory.CLOSED
                        : outcome == Outcome.LOST ? ForecastCategory.OMITTED : ForecastCategory.PIPELINE;
            }
            String value = scalar(node, "category");
            try {
                return ForecastCategory.fromId(value);
            } catch (IllegalArgumentException e) {
                throw error(node, "category must be one of pipeline, best_case, commit, closed, omitted, found '"
                        + value + "'");
            }
        }

        boolean bool(Node node, boolean fallback) {
            if (node == null) {
                return fallback;
            }
            String value = scalar(node, "flag");
            return switch (value) {
                case "true", "yes" -> true;
                case "false", "no" -> false;
                default -> throw error(node, "expected true or false, found '" + value + "'");
            };
        }

        Map<String, Node> mapping(Node node, Set<String> allowed, String what) {
            if (!(node instanceof MappingNode mapping)) {
                throw error(node, "a " + what + " must be a mapping of keys to values");
            }
            Map<String, Node> fields = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = scalar(tuple.getKeyNode(), "key");
                if (!allowed.contains(key)) {
                    throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + " (allowed: "
                            + allowed.stream().sorted().toList() + ")");
                }
                if (fields.put(key, tuple.getValueNode()) != null) {
                    throw error(tuple.getKeyNode(), "key '" + key + "' appears twice");
                }
            }
            return fields;
        }

        String requiredText(Map<String, Node> fields, String key, Node owner) {
            Node node = fields.get(key);
            if (node == null) {
                throw error(owner, "missing '" + key + "'");
            }
            String value = scalar(node, key);
            if (value.isBlank()) {
                throw error(node, "'" + key + "' is empty");
            }
            return value;
        }

        String optionalText(Map<String, Node> fields, String key, String fallback) {
            Node node = fields.get(key);
            return node == null ? fallback : scalar(node, key);
        }

        String scalar(Node node, String what) {
            if (!(node instanceof ScalarNode scalar)) {
                throw error(node, what + " must be a single value");
            }
            return scalar.getValue().trim();
        }

        PlaybookException error(Node node, String message) {
            int line = node == null ? 0 : node.getStartMark().getLine() + 1;
            return new PlaybookException(source + ":" + line + ": " + message);
        }
    }

    /** What is wrong with a YAML file, in one line and without Java class names. */
    static String yamlProblem(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("MalformedInputException") || message.contains("UnmappableCharacterException")) {
            return "it holds bytes that are not UTF-8 text";
        }
        return message.replace('\n', ' ');
    }
}
