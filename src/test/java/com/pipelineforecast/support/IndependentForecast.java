package com.pipelineforecast.support;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The sample's forecast computed again, straight from the CSV and the table in DESIGN.md, without any of the
 * job's code: the stage order, probabilities and item ids are written out here by hand.
 */
public final class IndependentForecast {

    public static final Set<String> REJECTED_IDS = Set.of("", "D-BAD-STAGE", "D-BAD-AMOUNT", "D-BAD-DATE",
            "D-NO-RATE", "D-BAD-CHECK");

    static final List<String> ORDER = List.of("lead", "prospect", "qualified", "discovery", "developed", "proposed",
            "closed_won", "closed_lost");
    static final Map<String, BigDecimal> PROBABILITY = Map.of("lead", new BigDecimal("0"), "prospect",
            new BigDecimal("0.10"), "qualified", new BigDecimal("0.20"), "discovery", new BigDecimal("0.40"),
            "developed", new BigDecimal("0.60"), "proposed", new BigDecimal("0.80"), "closed_won", BigDecimal.ONE,
            "closed_lost", BigDecimal.ZERO);
    /**
     * The required items of each open stage: DESIGN.md's table plus the rest of seed 000's jobs (production_decided,
     * pricing_set, product_plan, contracts_approved, changes_reviewed) and seed 002's engaged_in_dialogue; seed 002
     * lets a prospect await its credit check, so credit_checked is only recommended.
     */
    static final Map<String, List<String>> REQUIRED = Map.of(
            "lead", List.of("interest_confirmed", "engaged_in_dialogue"),
            "prospect", List.of("meets_basic_criteria", "first_contact_date", "meeting_scheduled"),
            "qualified", List.of("opportunity_confirmed", "agenda_sent", "production_decided", "needs_researched",
                    "follow_up_scheduled"),
            "discovery", List.of("needs_assessed", "decision_maker_identified", "purchasing_process_identified",
                    "pricing_set", "competitors_compared", "internal_supporter_identified", "funding_approved"),
            "developed", List.of("product_plan", "reference_visit_done", "pricing_approved", "roi_approved",
                    "resources_confirmed"),
            "proposed", List.of("proposal_sent", "contracts_approved", "changes_reviewed", "contract_sent_to_legal",
                    "close_date_confirmed"));
    static final Map<String, String> ALIASES = new HashMap<>();
    static final Map<String, BigDecimal> USD_PER_UNIT = Map.of("USD", BigDecimal.ONE, "EUR",
            new BigDecimal("1.08"), "THB", new BigDecimal("0.028"), "CNY", new BigDecimal("0.14"));
    static final Set<String> YES = Set.of("yes", "x", "true", "1", "ja", "是", "ใช่", "✓");

    static {
        ORDER.forEach(id -> ALIASES.put(id.replace("_", " "), id));
        ALIASES.putAll(Map.of("kontakt", "lead", "aussicht", "prospect", "prospecting", "prospect", "qualification",
                "qualified", "needs analysis", "discovery", "development", "developed", "proposal", "proposed",
                "negotiation", "proposed"));
        ALIASES.putAll(Map.of("won", "closed_won", "gewonnen", "closed_won", "lost", "closed_lost"));
    }

    public final Map<String, Long> deals = new LinkedHashMap<>();
    public final Map<String, BigDecimal> amount = new LinkedHashMap<>();
    public final Map<String, BigDecimal> weighted = new LinkedHashMap<>();
    public final Map<String, BigDecimal> adjusted = new LinkedHashMap<>();
    /**
     * Per calendar quarter of the close date ("FY2026 Q4"), the forecast call: closed won, commit, best case,
     * pipeline (open amounts by the stage's category), weighted as reported and checklist-adjusted.
     */
    public final Map<String, BigDecimal[]> calls = new HashMap<>();
    public long rows;
    public long duplicates;
    public long rejected;

    public static IndependentForecast of(Path csv, LocalDate runDate) throws IOException {
        IndependentForecast f = new IndependentForecast();
        ORDER.forEach(s -> {
            f.deals.put(s, 0L);
            f.amount.put(s, BigDecimal.ZERO.setScale(2));
            f.weighted.put(s, BigDecimal.ZERO.setScale(2));
            f.adjusted.put(s, BigDecimal.ZERO.setScale(2));
        });
        List<CSVRecord> accepted = new java.util.ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                f.rows++;
                if (REJECTED_IDS.contains(r.get("deal_id"))) {
                    f.rejected++;
                } else {
                    accepted.add(r);
                }
            }
        }
        // duplicates: the same account and deal name (letters and digits, lower case) under another deal id
        Map<String, Set<String>> idsByKey = new HashMap<>();
        for (CSVRecord r : accepted) {
            idsByKey.computeIfAbsent(key(r), k -> new java.util.HashSet<>()).add(r.get("deal_id"));
        }
        for (CSVRecord r : accepted) {
            boolean duplicate = idsByKey.get(key(r)).size() > 1;
            if (duplicate) {
                f.duplicates++;
            }
            f.add(r, runDate, duplicate);
        }
        return f;
    }

    private static String key(CSVRecord r) {
        return (r.get("account") + "|" + r.get("deal_name")).toLowerCase().replaceAll("[^\\p{L}\\p{M}\\p{N}|]", "");
    }

    private void add(CSVRecord r, LocalDate runDate, boolean duplicate) {
        String stage = ALIASES.get(r.get("stage").toLowerCase());
        BigDecimal usd = usd(r.get("amount"), r.get("currency"));
        deals.merge(stage, 1L, Long::sum);
        amount.merge(stage, usd, BigDecimal::add);
        BigDecimal reported = usd.multiply(PROBABILITY.get(stage)).setScale(2, RoundingMode.HALF_UP);
        weighted.merge(stage, reported, BigDecimal::add);
        String evidenced = stage;
        if (ORDER.indexOf(stage) <= ORDER.indexOf("proposed")) {
            for (String earlier : ORDER.subList(0, ORDER.indexOf(stage))) {
                if (!complete(earlier, r, usd, runDate) || earlier.equals("prospect") && duplicate) {
                    evidenced = earlier;
                    break;
                }
            }
        }
        BigDecimal checked = usd.multiply(PROBABILITY.get(evidenced)).setScale(2, RoundingMode.HALF_UP);
        adjusted.merge(stage, checked, BigDecimal::add);
        LocalDate close = closeDate(r.get("close_date"));
        if (close != null && !stage.equals("lead") && !stage.equals("closed_lost")) {
            BigDecimal[] call = calls.computeIfAbsent("FY" + close.getYear() + " Q" + ((close.getMonthValue() + 2) / 3),
                    q -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                        BigDecimal.ZERO, BigDecimal.ZERO});
            int column = switch (stage) {
                case "closed_won" -> 0;
                case "proposed" -> 1;
                case "developed" -> 2;
                default -> 3;
            };
            call[column] = call[column].add(usd);
            if (column > 0) {
                call[4] = call[4].add(reported);
                call[5] = call[5].add(checked);
            }
        }
    }

    /** ISO, dd.MM.yyyy or M/d/yyyy; placeholder years (1900 or before, 3000 or after) and blanks are no date. */
    private static LocalDate closeDate(String text) {
        if (text.isBlank()) {
            return null;
        }
        String[] p;
        LocalDate date;
        if (text.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
            date = LocalDate.parse(text.substring(0, 10));
        } else if ((p = text.split("\\.")).length == 3) {
            date = LocalDate.of(Integer.parseInt(p[2]), Integer.parseInt(p[1]), Integer.parseInt(p[0]));
        } else {
            p = text.split("/");
            date = LocalDate.of(Integer.parseInt(p[2]), Integer.parseInt(p[0]), Integer.parseInt(p[1]));
        }
        return date.getYear() <= 1900 || date.getYear() >= 3000 ? null : date;
    }

    private static boolean complete(String stage, CSVRecord r, BigDecimal usd, LocalDate runDate) {
        for (String item : REQUIRED.get(stage)) {
            if (!r.isMapped(item)) {
                continue; // an item the export does not carry is not assessed
            }
            if (!done(item, r.get(item), runDate)) {
                return false;
            }
        }
        if (stage.equals("qualified")) {
            // seed 004: 50-100 k USD the 20 assessment questions, more than 100 k USD (or strategic, named) the plan
            String type = r.get("account_type");
            boolean questionsNeeded = usd.compareTo(new BigDecimal("50000")) >= 0
                    && usd.compareTo(new BigDecimal("100000")) <= 0;
            if (questionsNeeded && !done("tas_questions", r.get("tas_questions"), runDate)) {
                return false;
            }
            boolean planNeeded = usd.compareTo(new BigDecimal("100000")) > 0 || type.equals("strategic")
                    || type.equals("named");
            return !planNeeded || done("opportunity_plan", r.get("opportunity_plan"), runDate);
        }
        return true;
    }

    private static boolean done(String item, String value, LocalDate runDate) {
        if (item.equals("first_contact_date")) {
            return value.matches("\\d{4}-\\d{2}-\\d{2}") && !LocalDate.parse(value).isAfter(runDate);
        }
        return YES.contains(value.trim().toLowerCase());
    }

    private static BigDecimal usd(String text, String currency) {
        if (text.isBlank()) {
            return BigDecimal.ZERO.setScale(2);
        }
        String digits = text.replaceAll("[^0-9.,]", "");
        boolean germanDecimal = digits.lastIndexOf(',') > digits.lastIndexOf('.');
        String plain = germanDecimal ? digits.replace(".", "").replace(',', '.') : digits.replace(",", "");
        return new BigDecimal(plain).multiply(USD_PER_UNIT.get(currency)).setScale(2, RoundingMode.HALF_UP);
    }

    public BigDecimal sum(Map<String, BigDecimal> byStage, List<String> stages) {
        return stages.stream().map(byStage::get).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    public static List<String> openStages() {
        return List.of("prospect", "qualified", "discovery", "developed", "proposed");
    }
}
