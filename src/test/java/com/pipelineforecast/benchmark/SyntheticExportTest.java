package com.pipelineforecast.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.pipelineforecast.benchmark.SyntheticExport.Shape;

class SyntheticExportTest {

    private static final int DEALS = 10_000;
    private static final LocalDate NIGHT_1 = LocalDate.of(2026, 11, 22);
    /** SHA-256 of the standard night-1 export of 10,000 deals for 2026-11-22, as every earlier version wrote it. */
    private static final String NIGHT_1_SHA256 = "0a24c98530b6f89dbf4f937564d490d82ff3cda4ed73cebe52496e061fcfcfcd";
    private static final int STAGE = 5;
    private static final int AMOUNT = 6;
    private static final int CLOSE_DATE = 8;
    private static final int PROBABILITY = 9;

    @TempDir
    Path folder;

    @Test
    void theStandardFirstNightIsWrittenAsBefore() throws Exception {
        Path file = folder.resolve("night-1.csv");
        SyntheticExport.write(file, DEALS, NIGHT_1);
        assertThat(sha256(file)).isEqualTo(NIGHT_1_SHA256);
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void theSecondNightDiffersOnlyByTheDocumentedChanges(Shape shape) throws IOException {
        List<String> before = rows(shape, 1);
        List<String> after = rows(shape, 2);
        assertThat(before).hasSize(DEALS);
        assertThat(after).hasSize(DEALS - DEALS / 100 + DEALS / 100);

        int next = 0;
        Map<Integer, Integer> changed = new HashMap<>();
        for (int i = 1; i <= DEALS; i++) {
            String then = before.get(i - 1);
            if (i % 100 == 4) {
                continue; // removed on night 2
            }
            String now = after.get(next++);
            if (now.equals(then)) {
                assertThat(i % 100).as("deal %d unchanged", i).isNotIn(2, 3);
                continue;
            }
            changed.merge(i % 100, 1, Integer::sum);
            String[] a = then.split(",", -1);
            String[] b = now.split(",", -1);
            assertThat(b).hasSameSizeAs(a);
            switch (i % 100) {
                case 1 -> {
                    assertThat(stageIndex(b[STAGE])).isEqualTo(stageIndex(a[STAGE]) + 1);
                    assertThat(stageIndex(a[STAGE])).isLessThan(5);
                    assertThat(Integer.parseInt(b[PROBABILITY])).isEqualTo(Integer.parseInt(a[PROBABILITY]) + 10);
                    for (int c = 0; c < a.length; c++) {
                        if (c != STAGE && c != PROBABILITY && !a[c].equals(b[c])) {
                            assertThat(a[c]).as("deal %d column %d: only empty checklist cells filled", i, c)
                                    .isEmpty();
                            assertThat(c).isBetween(PROBABILITY + 1, PROBABILITY + 22);
                        }
                    }
                }
                case 2 -> {
                    assertOnlyColumnDiffers(a, b, AMOUNT);
                    assertThat(new java.math.BigDecimal(b[AMOUNT]).subtract(new java.math.BigDecimal(a[AMOUNT])))
                            .isEqualByComparingTo("1000");
                }
                case 3 -> {
                    assertOnlyColumnDiffers(a, b, CLOSE_DATE);
                    assertThat(LocalDate.parse(b[CLOSE_DATE])).isEqualTo(LocalDate.parse(a[CLOSE_DATE]).plusDays(120));
                }
                default -> throw new AssertionError("deal " + i + " changed: " + then + " -> " + now);
            }
        }
        assertThat(changed.get(2)).isEqualTo(DEALS / 100);
        assertThat(changed.get(3)).isEqualTo(DEALS / 100);
        // every 100th deal standing before Proposed advances: about 5 in 8 of them
        assertThat(changed.get(1)).isBetween(DEALS / 100 / 2, DEALS / 100 * 3 / 4);

        List<String> added = after.subList(next, after.size());
        assertThat(added).hasSize(DEALS / 100);
        Set<String> ids = new HashSet<>();
        before.forEach(row -> ids.add(row.split(",", -1)[0]));
        for (String row : added) {
            String id = row.split(",", -1)[0];
            assertThat(id).isNotEmpty();
            if (shape != Shape.ONE_ID || !id.equals("S-1")) {
                assertThat(ids).as("new deal %s", id).doesNotContain(id);
            }
        }
    }

    @Test
    void duplicatesShareAccountAndNameInGroupsOfTwoToEight() throws IOException {
        Map<String, Integer> groups = new HashMap<>();
        for (String row : rows(Shape.DUPLICATES, 1)) {
            String[] cells = row.split(",", -1);
            groups.merge(cells[1] + "|" + cells[2], 1, Integer::sum);
        }
        int duplicated = groups.values().stream().filter(n -> n > 1).mapToInt(Integer::intValue).sum();
        assertThat(groups.values()).allSatisfy(n -> assertThat(n).isBetween(1, 8));
        assertThat(duplicated * 100.0 / DEALS).isBetween(55.0, 65.0);
        assertThat(groups.keySet()).anyMatch(key -> key.startsWith("Renewal 2026|"));
    }

    @Test
    void oneIdStandsOnHalfTheRowsOfASmallExport() throws IOException {
        long sharing = rows(Shape.ONE_ID, 1).stream().filter(row -> row.startsWith("S-1,")).count();
        assertThat(sharing).isEqualTo(DEALS / 2);
    }

    @Test
    void ownersAndTeamsAreMany() throws IOException {
        Path file = folder.resolve("owners.csv");
        SyntheticExport.write(file, 60_000, NIGHT_1, 1, Shape.OWNERS);
        Set<String> owners = new HashSet<>();
        Set<String> teams = new HashSet<>();
        Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).forEach(row -> {
            String[] cells = row.split(",", -1);
            owners.add(cells[3]);
            teams.add(cells[4]);
        });
        assertThat(owners).hasSize(50_000);
        assertThat(teams).hasSize(5_000);
    }

    @Test
    void theWideExportHasTwoHundredColumnsOnEveryRow() throws IOException {
        Path file = folder.resolve("wide.csv");
        SyntheticExport.write(file, 1_000, NIGHT_1, 1, Shape.WIDE);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(SyntheticExport.WIDE_COLUMNS));
        assertThat(new HashSet<>(List.of(lines.get(0).split(",")))).hasSize(SyntheticExport.WIDE_COLUMNS);
    }

    @Test
    void shapesAreNamedAsOnTheCommandLine() {
        assertThat(Shape.parse("one-id")).isEqualTo(Shape.ONE_ID);
        assertThat(Shape.ONE_ID.label()).isEqualTo("one-id");
        assertThat(Shape.parse("standard")).isEqualTo(Shape.STANDARD);
    }

    private List<String> rows(Shape shape, int night) throws IOException {
        Path file = folder.resolve(shape.label() + "-" + night + ".csv");
        SyntheticExport.write(file, DEALS, NIGHT_1.plusDays(night - 1L), night, shape);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size());
    }

    private static void assertOnlyColumnDiffers(String[] a, String[] b, int column) {
        for (int c = 0; c < a.length; c++) {
            if (c != column) {
                assertThat(b[c]).as("column %d", c).isEqualTo(a[c]);
            }
        }
    }

    private static int stageIndex(String stage) {
        return List.of("Lead", "Prospect", "Qualified", "Discovery", "Developed", "Proposed", "Closed won",
                "Closed lost").indexOf(stage);
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
