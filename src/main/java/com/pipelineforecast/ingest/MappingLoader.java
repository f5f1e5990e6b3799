package com.pipelineforecast.ingest;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a mapping file ({@code --mapping=FILE}):
 * <pre>
 * columns:              # canonical column: header names of this export
 *   deal_id: [Opportunity ID, "Opp #"]
 *   amount: Close Value
 * stages:               # exported stage value: playbook stage id
 *   Engaging: qualified
 * checklist:            # checklist item id: the CRM fields (headers) that record it
 *   funding_approved: Budget_Confirmed__c
 *   decision_maker_identified: [Identify Decision Maker]
 * </pre>
 * Problems are reported with the file and line, before any deal is read.
 */
public final class MappingLoader {

    public ColumnMapping load(Path file) {
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (IOException e) {
            throw new MappingException(file + ": cannot be read: " + e.getMessage());
        } catch (YAMLException e) {
            throw new MappingException(file + ": not valid YAML: " + yamlProblem(e));
        }
        if (root == null) {
            return ColumnMapping.BUILT_IN;
        }
        Map<String, Node> sections = mapping(file, root);
        Map<CanonicalColumn, List<String>> columns = new EnumMap<>(CanonicalColumn.class);
        Map<String, String> stages = new LinkedHashMap<>();
        Map<String, List<String>> items = new LinkedHashMap<>();
        for (Map.Entry<String, Node> section : sections.entrySet()) {
            switch (section.getKey()) {
                case "columns" -> mapping(file, section.getValue()).forEach((name, value) -> {
                    CanonicalColumn column = canonical(name);
                    if (column == null) {
                        throw error(file, section.getValue(), "unknown column '" + name + "'; the columns are "
                                + java.util.Arrays.stream(CanonicalColumn.values()).map(CanonicalColumn::canonicalName)
                                        .toList());
                    }
                    columns.put(column, values(file, value));
                });
                case "stages" -> mapping(file, section.getValue())
                        .forEach((value, stage) -> stages.put(value, scalar(file, stage)));
                case "checklist" -> mapping(file, section.getValue())
                        .forEach((item, headers) -> items.put(item, values(file, headers)));
                default -> throw error(file, section.getValue(), "unknown section '" + section.getKey()
                        + "' (allowed: columns, stages, checklist)");
            }
        }
        return new ColumnMapping(columns, stages, items);
    }

    private static CanonicalColumn canonical(String name) {
        for (CanonicalColumn column : CanonicalColumn.values()) {
            if (column.canonicalName().equals(name.toLowerCase(Locale.ROOT))) {
                return column;
            }
        }
        return null;
    }

    private static List<String> values(Path file, Node node) {
        List<String> values = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            list.getValue().forEach(item -> values.add(scalar(file, item)));
        } else {
            values.add(scalar(file, node));
        }
        return values;
    }

    private static Map<String, Node> mapping(Path file, Node node) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(file, node, "expected a mapping of names to values");
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(file, tuple.getKeyNode());
            if (entries.put(key, tuple.getValueNode()) != null) {
                throw error(file, tuple.getKeyNode(), "'" + key + "' appears twice");
            }
        }
        return entries;
    }

    private static String scalar(Path file, Node node) {
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            throw error(file, node, "expected a name");
        }
        return scalar.getValue().trim();
    }

    private static MappingException error(Path file, Node node, String message) {
        return new MappingException(file + ":" + (node.getStartMark().getLine() + 1) + ": " + message);
    }

    /** A mapping file that cannot be used. */
    public static class MappingException extends RuntimeException {
        public MappingException(String message) {
            super(message);
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
