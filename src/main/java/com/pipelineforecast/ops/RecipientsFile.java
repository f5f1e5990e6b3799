package com.pipelineforecast.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Reads a recipients file ({@code --recipients=FILE}): who gets which report after a publish.
 * <pre>
 * - address: anna@example.com       # the whole forecast.pdf, as --mail-managers
 *   report: forecast
 * - address: finance@example.com    # pipeline.xlsx, as --mail-finance
 *   report: pipeline
 * - address: lead-dach@example.com  # forecast.pdf of the team DACH only
 *   report: forecast
 *   team: DACH
 * </pre>
 * The file is only composed into YAML nodes (no object of any type is ever constructed from it), and every
 * problem is reported with the file and line, before the run starts.
 */
public final class RecipientsFile {

    public static final String FORECAST = "forecast";
    public static final String PIPELINE = "pipeline";
    /** The longest team name a recipient may name (the delivery record keeps it). */
    static final int TEAM_LIMIT = 200;

    /** One recipient: {@code team} null for the whole report; {@code line} where the entry starts. */
    public record Recipient(String address, String report, String team, int line) {
    }

    private RecipientsFile() {
    }

    public static List<Recipient> load(Path file) {
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (IOException e) {
            throw new RecipientsException(file + ": cannot be read: " + problem(e));
        } catch (YAMLException e) {
            throw new RecipientsException(file + ": not valid YAML: " + problem(e));
        }
        if (root == null) {
            throw new RecipientsException(file + ": no recipients: expected a list of entries such as "
                    + "'- address: anna@example.com' with 'report: forecast' (or pipeline) and an optional 'team:'");
        }
        if (!(root instanceof SequenceNode list)) {
            throw error(file, root, "expected a list of recipients, each '- address: ...' with 'report: forecast' "
                    + "(or pipeline) and an optional 'team: ...'");
        }
        List<Recipient> recipients = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Node node : list.getValue()) {
            Recipient recipient = recipient(file, node);
            String key = recipient.address().toLowerCase(Locale.ROOT) + "\n" + recipient.report() + "\n"
                    + (recipient.team() == null ? "" : recipient.team());
            Integer first = seen.putIfAbsent(key, recipient.line());
            if (first != null) {
                throw error(file, node, recipient.address() + " gets this report twice (also on line " + first
                        + ")");
            }
            recipients.add(recipient);
        }
        if (recipients.isEmpty()) {
            throw error(file, root, "no recipients: the list is empty");
        }
        return recipients;
    }

    private static Recipient recipient(Path file, Node node) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(file, node, "expected a recipient: 'address: ...', 'report: forecast' (or pipeline) and an "
                    + "optional 'team: ...'");
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(file, tuple.getKeyNode(), "a field name");
            if (!List.of("address", "report", "team").contains(key)) {
                throw error(file, tuple.getKeyNode(), "unknown field '" + key + "' (allowed: address, report, team)");
            }
            if (fields.put(key, tuple.getValueNode()) != null) {
                throw error(file, tuple.getKeyNode(), "'" + key + "' appears twice in one recipient");
            }
        }
        if (!fields.containsKey("address")) {
            throw error(file, node, "a recipient without 'address:'");
        }
        if (!fields.containsKey("report")) {
            throw error(file, node, "a recipient without 'report:' (forecast or pipeline)");
        }
        String address = scalar(file, fields.get("address"), "a mail address");
        if (!address.matches("[^@\\s,]+@[^@\\s,]+")) {
            throw error(file, fields.get("address"), "not a mail address: '" + shown(address) + "'");
        }
        String report = scalar(file, fields.get("report"), "forecast or pipeline").toLowerCase(Locale.ROOT);
        if (!report.equals(FORECAST) && !report.equals(PIPELINE)) {
            throw error(file, fields.get("report"), "report must be forecast (forecast.pdf) or pipeline "
                    + "(pipeline.xlsx), found '" + shown(report) + "'");
        }
        String team = null;
        if (fields.containsKey("team")) {
            team = scalar(file, fields.get("team"), "a team name as the exports write it");
            if (report.equals(PIPELINE)) {
                throw error(file, fields.get("team"), "only the forecast can be restricted to a team: pipeline.xlsx "
                        + "is always the whole night's (remove 'team:' or use 'report: forecast')");
            }
            if (team.length() > TEAM_LIMIT) {
                throw error(file, fields.get("team"), "a team name longer than " + TEAM_LIMIT + " characters");
            }
        }
        return new Recipient(address, report, team, node.getStartMark().getLine() + 1);
    }

    private static String scalar(Path file, Node node, String expected) {
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            throw error(file, node, "expected " + expected);
        }
        return scalar.getValue().trim();
    }

    private static String shown(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }

    private static RecipientsException error(Path file, Node node, String message) {
        return new RecipientsException(file + ":" + (node.getStartMark().getLine() + 1) + ": " + message);
    }

    /** What is wrong with the file, in one line and without Java class names. */
    private static String problem(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (message.contains("MalformedInputException") || message.contains("UnmappableCharacterException")
                || e instanceof java.nio.charset.CharacterCodingException) {
            return "it holds bytes that are not UTF-8 text";
        }
        return message.replace('\n', ' ');
    }

    /** A recipients file that cannot be used: a bad option (exit 2). */
    public static class RecipientsException extends IllegalArgumentException {
        public RecipientsException(String message) {
            super("--recipients: " + message);
        }
    }
}
