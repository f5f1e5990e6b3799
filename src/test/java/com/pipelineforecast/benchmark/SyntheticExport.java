package com.pipelineforecast.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a synthetic deal export of N rows, streaming, in the shape of the sample: every stage of the default
 * playbook, several currencies, German, Thai and Chinese names, checklist columns, a few bad rows. A {@link Shape}
 * other than the standard one stresses one dimension: duplicate deals, one id on many rows, many owners and teams,
 * or a wide export.
 */
public final class SyntheticExport {

    /** fx-rates.csv beside the export: the rates of its currencies in USD. */
    public static final String FX_RATES = "currency,rate\nEUR,1.08\nTHB,0.028\nCNY,0.14\n";

    /** What the export looks like beyond the standard rows. */
    public enum Shape {
        /** The sample's shape: six owners in four teams, unique ids, the canonical columns only. */
        STANDARD,
        /** About 60 % of the deals share account and deal name ("Renewal 2026") with others, in groups of 2 to 8. */
        DUPLICATES,
        /** One deal id on 100,000 rows (at most half the export), spread through the file; the rest as standard. */
        ONE_ID,
        /** 50,000 distinct owners in 5,000 teams. */
        OWNERS,
        /** 200 columns: the canonical ones padded with extra (non-canonical) text and number columns. */
        WIDE;

        /** The shape named as on the command line: standard, duplicates, one-id, owners, wide. */
        public static Shape parse(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

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
    private static final int STANDARD_COLUMNS = 10;
    /** The export's column count in the wide shape. */
    static final int WIDE_COLUMNS = 200;
    private static final String[] DUPLICATE_NAMES = {"Renewal 2026", "Renewal 2027", "Support renewal 2026",
        "Licence upgrade 2026", "Expansion 2027", "Maintenance 2026"};
    private static final int ONE_ID_ROWS = 100_000;
    private static final int OWNER_COUNT = 50_000;
    private static final int TEAM_COUNT = 5_000;
    private static final String[] EXTRA_TEXT_COLUMNS = {"Industry", "Lead Source", "Region", "Next Step",
        "Campaign", "Partner", "Competitor", "Product Line", "Description", "Sub-Region", "Segment", "Source Detail"};
    private static final String[] EXTRA_NUMBER_COLUMNS = {"Employees", "Annual Revenue", "Discount Percent",
        "Contract Term Months", "Seats", "Activity Count"};
    private static final String[] WORDS = {"Manufacturing", "Retail", "Logistics", "Healthcare", "Webinar",
        "Trade fair", "Referral", "Cold call", "Berlin", "München", "Bangkok", "Shanghai", "follow up with procurement",
        "send revised quote", "Maschinenbau", "Einzelhandel", "โรงงาน", "物流", "partner led", "inbound"};

    private SyntheticExport() {
    }

    public static void write(Path file, long rows, LocalDate runDate) throws IOException {
        write(file, rows, runDate, 1);
    }

    public static void write(Path file, long rows, LocalDate runDate, int night) throws IOException {
        write(file, rows, runDate, night, Shape.STANDARD);
    }

    /**
     * Night 1 is the base export; night 2 is the same deals a day later with known changes and nothing else: every
     * 100th deal advanced a stage (if it stood before Proposed; the checklist of the stage it left done), its
     * neighbours with an amount 1,000 larger or a close date 120 days later, one in a hundred removed, and one in a
     * hundred new deals added at the end. Dates stay relative to night 1's run date ({@code runDate} minus
     * {@code night - 1} days), and night 2 draws the same random values as night 1 in the same order, so a deal
     * that is not changed is written to the letter as on night 1.
     */
    public static void write(Path file, long rows, LocalDate runDate, int night, Shape shape) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        SplittableRandom groups = new SplittableRandom(43);
        LocalDate base = runDate.minusDays(night - 1L);
        long oneIdStride = Math.max(2, rows / ONE_ID_ROWS);
        long groupLeader = 0;
        int groupLeft = 0;
        long groupNumber = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder(
                    "deal_id,deal_name,account,owner,team,stage,amount,currency,close_date,probability");
            for (String[] stage : ITEMS) {
                for (String item : stage) {
                    header.append(',').append(item);
                }
            }
            if (shape == Shape.WIDE) {
                for (int c = 0; c < extraColumns(); c++) {
                    header.append(',').append(extraColumnName(c));
                }
            }
            out.write(header.append('\n').toString());
            StringBuilder line = new StringBuilder(256);
            long total = night == 1 ? rows : rows + rows / 100;
            for (long i = 1; i <= total; i++) {
                line.setLength(0);
                int who = random.nextInt(OWNERS.length);
                int stage = random.nextInt(STAGES.length);
                long change = night == 1 || i > rows ? 0 : i % 100;
                int reported = change == 1 && stage < 5 ? stage + 1 : stage;
                boolean bad = i % 10_000 == 0;
                String id = bad ? "" : shape == Shape.ONE_ID && i % oneIdStride == 1 ? "S-1" : "S-" + i;
                String name = "Deal " + i + " " + OWNERS[who].charAt(0);
                String account = "Account " + i % 5_000;
                String owner = OWNERS[who];
                String team = TEAMS[who];
                String currency = CURRENCIES[who];
                if (shape == Shape.DUPLICATES) {
                    if (groupLeft == 0) {
                        // a group of 2 to 8 (mean 5) with probability 0.231: 0.231 * 5 / (0.231 * 5 + 0.769) = 60 %
                        groupLeft = groups.nextInt(1_000) < 231 ? groups.nextInt(2, 9) : 1;
                        groupLeader = i;
                        groupNumber++;
                    }
                    if (groupLeft > 1 || groupLeader != i) {
                        // the leader's index keeps each group's account apart from every other group's
                        name = DUPLICATE_NAMES[(int) (groupNumber % DUPLICATE_NAMES.length)];
                        account = "Account " + groupLeader;
                    }
                    groupLeft--;
                } else if (shape == Shape.OWNERS) {
                    int ownerNumber = (int) (i % OWNER_COUNT);
                    int teamNumber = ownerNumber % TEAM_COUNT;
                    owner = OWNERS[teamNumber % OWNERS.length] + " " + ownerNumber;
                    team = TEAMS[teamNumber % TEAMS.length] + " " + teamNumber;
                    currency = CURRENCIES[teamNumber % CURRENCIES.length];
                }
                line.append(id).append(',').append(name).append(',').append(account).append(',').append(owner)
                        .append(',').append(team).append(',').append(STAGES[reported]).append(',')
                        .append(random.nextInt(1_000, 500_000) + (change == 2 ? 1_000 : 0)).append('.')
                        .append(random.nextInt(10, 100)).append(',').append(currency).append(',')
                        .append(base.plusDays(random.nextInt(-60, 300) + (change == 3 ? 120 : 0))).append(',')
                        .append(reported * 10);
                for (int s = 0; s < ITEMS.length; s++) {
                    for (String item : ITEMS[s]) {
                        line.append(',');
                        // the draw depends on night 1's stage only, so both nights draw the same values
                        boolean done = s < stage ? random.nextInt(100) < 95 : s < reported;
                        if (done) {
                            line.append(item.equals("first_contact_date") ? base.minusDays(90).toString() : "yes");
                        }
                    }
                }
                if (shape == Shape.WIDE) {
                    appendExtraValues(line, i);
                }
                if (change != 4) {
                    out.write(line.append('\n').toString());
                }
            }
        }
    }

    private static int extraColumns() {
        return WIDE_COLUMNS - STANDARD_COLUMNS - java.util.Arrays.stream(ITEMS).mapToInt(items -> items.length).sum();
    }

    private static String extraColumnName(int c) {
        int kinds = EXTRA_TEXT_COLUMNS.length + EXTRA_NUMBER_COLUMNS.length;
        int kind = c % kinds;
        String name = kind < EXTRA_TEXT_COLUMNS.length ? EXTRA_TEXT_COLUMNS[kind]
                : EXTRA_NUMBER_COLUMNS[kind - EXTRA_TEXT_COLUMNS.length];
        return "Custom " + name + " " + (c / kinds + 1);
    }

    /** The extra columns' values of deal {@code i}: from a random stream of the deal's own, alike on both nights. */
    private static void appendExtraValues(StringBuilder line, long i) {
        SplittableRandom values = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        int kinds = EXTRA_TEXT_COLUMNS.length + EXTRA_NUMBER_COLUMNS.length;
        for (int c = 0; c < extraColumns(); c++) {
            line.append(',');
            int draw = values.nextInt(100);
            if (draw < 15) {
                continue; // an empty cell, as custom fields mostly are somewhere
            }
            if (c % kinds < EXTRA_TEXT_COLUMNS.length) {
                line.append(WORDS[draw % WORDS.length]);
                if (draw % 3 == 0) {
                    line.append(' ').append(WORDS[values.nextInt(WORDS.length)]);
                }
            } else {
                line.append(values.nextInt(1, 100_000));
                if (draw % 2 == 0) {
                    line.append('.').append(values.nextInt(10, 100));
                }
            }
        }
    }
}
