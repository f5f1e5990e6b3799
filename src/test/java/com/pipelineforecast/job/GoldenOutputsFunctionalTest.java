package com.pipelineforecast.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.pjfanning.xlsx.StreamingReader;
import com.pipelineforecast.PipelineForecastLauncher;
import com.pipelineforecast.report.ReportPublisher;
import com.pipelineforecast.benchmark.SyntheticExport;
import com.pipelineforecast.support.TestRuns;

/**
 * Pins today's results so that a rebuild of the data path (ingest, history, aggregate, render) can prove that it
 * changes none: for the sample export in {@code input/} and for a synthetic export of 100,000 deals
 * (the benchmark's night-1 export, {@link SyntheticExport}, with its fx-rates.csv; its SHA-256 is among the digests,
 * so a change of the generator fails here, and {@code SyntheticExportTest} pins its night 1 too),
 * run.json, findings.csv, rejected.csv and the cell values of every workbook sheet but Findings must equal the
 * goldens in {@code src/test/resources/golden/}.
 *
 * <p>Each case runs the whole job as the README's command does ({@link PipelineForecastLauncher}, default options)
 * in a fresh database of its own: the movement, the win-rate calibration, the trend and the accuracy read the
 * history of earlier runs, so in the database the functional tests share they would depend on which tests ran
 * before.
 *
 * <p>What is not a result is normalised, and nothing else:
 * <ul>
 * <li>run.json: the fields in {@link #NOT_RESULTS} are removed (the timings, when the run started, the run's
 * database id, the outputs' checksums); then it is pretty-printed;</li>
 * <li>findings.csv and rejected.csv: compared byte for byte;</li>
 * <li>the workbook: one line per non-empty cell, {@code Sheet!A1<TAB>value}, a formula as
 * {@code =FORMULA<TAB>cached value}, numbers as plain decimals; the Findings sheet is left out (its text is
 * cut to fit, see TextCutFindingsFunctionalTest; findings.csv is compared in full).</li>
 * </ul>
 *
 * <p>The sample's normalised files are kept readable in {@code golden/sample/}; for the 100,000 deals
 * {@code golden/synthetic-100k/digests.txt} keeps the SHA-256 of each normalised file and a few figures. On a
 * difference the actual normalised files are written to {@code target/golden-actual/<case>/} for a diff.
 *
 * <p>A deliberate change of results regenerates the goldens:
 * {@code ./mvnw verify -Dtest=GoldenOutputsFunctionalTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.update=true} (then review the diff of {@code src/test/resources/golden/} before committing it).
 */
class GoldenOutputsFunctionalTest {

    /**
     * run.json fields, as JSON pointers ("*": every element of an array), that are not results and are removed
     * before comparing. Two runs of the same input differ in exactly these: the milliseconds measured, when the run
     * started, and the checksums of forecast.pdf and pipeline.xlsx (both files hold the time they were made). The
     * run's database id is the same in a fresh database but is the history's business, not a result; the
     * checksums of findings.csv and rejected.csv go too, their contents being compared in full. The inputs'
     * checksums, the rerun number of the date and everything else stay.
     */
    static final List<String> NOT_RESULTS = List.of("/timings", "/run/id", "/run/started", "/outputs/*/sha256");

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final Path ACTUAL = Path.of("target", "golden-actual");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final String RUN_DATE = "2026-11-22";
    private static final String RUN_JSON = "run.json";
    private static final String FINDINGS_CSV = "findings.csv";
    private static final String REJECTED_CSV = "rejected.csv";
    private static final String WORKBOOK_CELLS = "workbook-cells.txt";
    private static final String DIGESTS = "digests.txt";
    private static final List<String> ARTEFACTS = List.of(RUN_JSON, FINDINGS_CSV, REJECTED_CSV, WORKBOOK_CELLS);

    @Test
    void sampleExportGivesTheGoldenOutputs() throws Exception {
        Path work = Files.createTempDirectory("golden-sample");
        try {
            Path normalised = runAndNormalise("sample", TestRuns.SAMPLE_INPUT, work);
            Path golden = GOLDEN.resolve("sample");
            if (UPDATE) {
                copyAll(normalised, golden);
                return;
            }
            List<String> differences = new ArrayList<>();
            for (String name : ARTEFACTS) {
                String difference = firstDifference(golden.resolve(name), normalised.resolve(name));
                if (difference != null) {
                    differences.add(name + ": " + difference);
                }
            }
            failOnDifferences("sample", differences, normalised, golden);
        } finally {
            ReportPublisher.deleteTree(work);
        }
    }

    @Test
    void syntheticExportOf100000DealsGivesTheGoldenDigests() throws Exception {
        Path work = Files.createTempDirectory("golden-synthetic");
        try {
            Path input = Files.createDirectories(work.resolve("input"));
            Files.writeString(input.resolve("fx-rates.csv"), SyntheticExport.FX_RATES);
            SyntheticExport.write(input.resolve("synthetic-deals.csv"), 100_000, LocalDate.parse(RUN_DATE));
            Path normalised = runAndNormalise("synthetic-100k", input, work);
            Files.writeString(normalised.resolve(DIGESTS), digests(normalised, input.resolve("synthetic-deals.csv")));
            Path golden = GOLDEN.resolve("synthetic-100k");
            if (UPDATE) {
                Files.createDirectories(golden);
                Files.copy(normalised.resolve(DIGESTS), golden.resolve(DIGESTS), StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            String difference = firstDifference(golden.resolve(DIGESTS), normalised.resolve(DIGESTS));
            failOnDifferences("synthetic-100k", difference == null ? List.of() : List.of(DIGESTS + ": " + difference),
                    normalised, golden);
        } finally {
            ReportPublisher.deleteTree(work);
        }
    }

    /** Runs the job on the input folder and writes the normalised artefacts to a folder, which it returns. */
    private static Path runAndNormalise(String name, Path input, Path work) throws Exception {
        long start = System.nanoTime();
        int exit = PipelineForecastLauncher.run(new String[] {"--input=" + input, "--run-date=" + RUN_DATE,
            "--reports=" + work.resolve("reports"), "--pipeline.database=" + work.resolve("db")});
        long ran = System.nanoTime();
        assertThat(exit).as("exit code of the run on " + name).isEqualTo(ExitCode.SUCCESS.code());
        Path reports = work.resolve("reports").resolve(RUN_DATE);
        Path normalised = Files.createDirectories(work.resolve("normalised"));
        Files.writeString(normalised.resolve(RUN_JSON), normalisedRunJson(reports.resolve(RUN_JSON)));
        Files.copy(reports.resolve(FINDINGS_CSV), normalised.resolve(FINDINGS_CSV));
        Files.copy(reports.resolve(REJECTED_CSV), normalised.resolve(REJECTED_CSV));
        writeCells(reports.resolve("pipeline.xlsx"), normalised.resolve(WORKBOOK_CELLS));
        System.out.printf("golden %s: run %.1f s, normalised in %.1f s%n", name, (ran - start) / 1e9,
                (System.nanoTime() - ran) / 1e9);
        return normalised;
    }

    static String normalisedRunJson(Path runJson) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root = mapper.readTree(runJson.toFile());
        for (String pointer : NOT_RESULTS) {
            remove(root, pointer);
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        return mapper.writer(printer).writeValueAsString(root) + "\n";
    }

    /** Removes the field a pointer names; a pointer may go through every element of an array with "*". */
    private static void remove(JsonNode node, String pointer) {
        int slash = pointer.indexOf('/', 1);
        String field = slash < 0 ? pointer.substring(1) : pointer.substring(1, slash);
        if (slash < 0) {
            if (node instanceof ObjectNode object) {
                object.remove(field);
            }
            return;
        }
        String rest = pointer.substring(slash);
        if (field.equals("*")) {
            node.forEach(element -> remove(element, rest));
        } else if (node.has(field)) {
            remove(node.get(field), rest);
        }
    }

    /** Every non-empty cell of every sheet but Findings, streamed (the 100,000 deals' workbook is large). */
    static void writeCells(Path xlsx, Path target) throws IOException {
        try (Workbook workbook = StreamingReader.builder().rowCacheSize(200).bufferSize(1 << 16)
                .setReadComments(false).setReadHyperlinks(false).setReadShapes(false).open(xlsx.toFile());
                BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (Sheet sheet : workbook) {
                if (sheet.getSheetName().equals("Findings")) {
                    continue;
                }
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        String value = value(cell, cell.getCellType());
                        if (!value.isEmpty()) {
                            out.write(sheet.getSheetName() + "!"
                                    + new CellReference(cell.getRowIndex(), cell.getColumnIndex()).formatAsString()
                                    + "\t" + value + "\n");
                        }
                    }
                }
            }
        }
    }

    private static String value(Cell cell, CellType type) {
        return switch (type) {
            case STRING -> escaped(cell.getStringCellValue());
            case NUMERIC -> BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> "#ERROR " + cell.getErrorCellValue();
            case FORMULA -> {
                String cached = value(cell, cell.getCachedFormulaResultType());
                yield "=" + escaped(cell.getCellFormula()) + (cached.isEmpty() ? "" : "\t" + cached);
            }
            default -> "";
        };
    }

    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n");
    }

    /** The digests of the normalised files, and figures that say what the run was about. */
    private static String digests(Path normalised, Path export) throws IOException {
        JsonNode run = new ObjectMapper().readTree(normalised.resolve(RUN_JSON).toFile());
        StringBuilder text = new StringBuilder("# SHA-256 of the normalised outputs of the run on GoldenExport's "
                + "100,000 deals, run date " + RUN_DATE + " (see GoldenOutputsFunctionalTest)\n");
        text.append("input synthetic-deals.csv ").append(sha256(export)).append('\n');
        for (String counter : List.of("read", "accepted", "rejected")) {
            text.append("deals ").append(counter).append(' ').append(run.path("counts").path(counter).asText())
                    .append('\n');
        }
        run.path("totals").properties().forEach(total -> text.append("total ").append(total.getKey()).append(' ')
                .append(total.getValue().asText()).append('\n'));
        run.path("findings").properties().forEach(finding -> text.append("findings ").append(finding.getKey())
                .append(' ').append(finding.getValue().asText()).append('\n'));
        for (String name : ARTEFACTS) {
            text.append("sha256 ").append(name).append(' ').append(sha256(normalised.resolve(name))).append('\n');
        }
        return text.toString();
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when the files are equal; else where they first differ, line by line. */
    private static String firstDifference(Path golden, Path actual) throws IOException {
        if (!Files.exists(golden)) {
            return "no golden file " + golden + " (generate it with -Dgolden.update=true)";
        }
        if (Files.mismatch(golden, actual) < 0) {
            return null;
        }
        List<String> expected = Files.readAllLines(golden, StandardCharsets.UTF_8);
        List<String> got = Files.readAllLines(actual, StandardCharsets.UTF_8);
        for (int i = 0; i < Math.max(expected.size(), got.size()); i++) {
            String want = i < expected.size() ? expected.get(i) : "<end of file>";
            String have = i < got.size() ? got.get(i) : "<end of file>";
            if (!want.equals(have)) {
                return "line " + (i + 1) + ": golden [" + want + "] actual [" + have + "]";
            }
        }
        return "same lines, different bytes (line endings)";
    }

    private static void failOnDifferences(String name, List<String> differences, Path normalised, Path golden)
            throws IOException {
        if (differences.isEmpty()) {
            return;
        }
        Path actual = ACTUAL.resolve(name);
        copyAll(normalised, actual);
        fail("outputs differ from the golden " + golden + ": " + String.join("; ", differences)
                + ". The actual normalised outputs are in " + actual.toAbsolutePath() + ": diff -r " + golden + " "
                + actual);
    }

    private static void copyAll(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
