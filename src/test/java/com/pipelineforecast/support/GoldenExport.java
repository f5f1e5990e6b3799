package com.pipelineforecast.support;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The synthetic deal export of the golden comparison: a frozen copy of the benchmark's night-1 generator
 * ({@code SyntheticExport}) as it was when the goldens were recorded. The benchmark's generator may change; this
 * one must not, or the golden digests no longer describe the same input. Same seed, same order of random draws.
 */
public final class GoldenExport {

    /** fx-rates.csv beside the export, as the benchmark writes it. */
    public static final String FX_RATES = "currency,rate\nEUR,1.08\nTHB,0.028\nCNY,0.14\n";

    private static final String[] STAGES = {"Lead", "Prospect", "Qualified", "Discovery", "Developed", "Proposed",
        "Closed won", "Closed lost"};
    private static final String[][] ITEMS = {
        {"credit_checked", "interest_confirmed"},
        {"meets_basic_criteria", "first_contact_date", "meeting_scheduled"},
        {"opportunity_confirmed", "agenda_sent", "needs_researched", "follow_up_scheduled"},
        {"needs_assessed", "decision_maker_identified", "purchasing_process_identified", "competitors_compared",
            "internal_supporter_identified", "funding_approved"},
        {"reference_visit_done", "pricing_approved", "roi_approved", "resources_confirmed"},
        {"proposal_sent", "contract_sent_to_legal", "close_date_confirmed"}};
    private static final String[] OWNERS = {"Jürgen Müller", "สมชาย ใจดี", "王伟", "Emily Carter", "Anna Schröder",
        "李娜"};
    private static final String[] TEAMS = {"DACH", "APAC-TH", "APAC-CN", "NA", "DACH", "APAC-CN"};
    private static final String[] CURRENCIES = {"EUR", "THB", "CNY", "USD", "EUR", "CNY"};

    private GoldenExport() {
    }

    /**
     * Writes {@code rows} deals: every stage of the default playbook, several currencies, German, Thai and Chinese
     * names, checklist columns, and every 10,000th row without a deal id.
     */
    public static void write(Path file, long rows, LocalDate runDate) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder(
                    "deal_id,deal_name,account,owner,team,stage,amount,currency,close_date,probability");
            for (String[] stage : ITEMS) {
                for (String item : stage) {
                    header.append(',').append(item);
                }
            }
            out.write(header.append('\n').toString());
            StringBuilder line = new StringBuilder(256);
            for (long i = 1; i <= rows; i++) {
                line.setLength(0);
                int who = random.nextInt(OWNERS.length);
                int stage = random.nextInt(STAGES.length);
                boolean bad = i % 10_000 == 0;
                line.append(bad ? "" : "S-" + i).append(",Deal ").append(i).append(" ").append(OWNERS[who].charAt(0))
                        .append(",Account ").append(i % 5_000).append(',').append(OWNERS[who]).append(',')
                        .append(TEAMS[who]).append(',').append(STAGES[stage]).append(',')
                        .append(random.nextInt(1_000, 500_000)).append('.')
                        .append(random.nextInt(10, 100)).append(',').append(CURRENCIES[who]).append(',')
                        .append(runDate.plusDays(random.nextInt(-60, 300))).append(',')
                        .append(stage * 10);
                for (int s = 0; s < ITEMS.length; s++) {
                    for (String item : ITEMS[s]) {
                        line.append(',');
                        if (s < stage && random.nextInt(100) < 95) {
                            line.append(item.equals("first_contact_date") ? runDate.minusDays(90).toString() : "yes");
                        }
                    }
                }
                out.write(line.append('\n').toString());
            }
        }
    }
}
