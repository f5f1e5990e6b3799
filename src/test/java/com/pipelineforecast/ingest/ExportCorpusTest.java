package com.pipelineforecast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.PlaybookLoader;

/**
 * One set of deals written in every dialect × encoding × locale the exports come in (and as a workbook): each
 * variant reads back to the same deals, amounts and dates as the canonical file.
 */
class ExportCorpusTest {

    private static final Playbook PLAYBOOK = new PlaybookLoader().load("six-stage");
    private static final FxRates FX = new FxRates(java.util.Map.of("EUR", new BigDecimal("1.08")), "USD");

    /** The canonical deals: id, name, owner, stage, amount, currency, close date. */
    private record CanonicalDeal(String id, String name, String owner, String stage, BigDecimal amount,
            String currency, LocalDate close) {
    }

    private static final List<CanonicalDeal> DEALS = new ArrayList<>();

    @TempDir
    static Path folder;

    /** Sum of amounts in USD, sum of close dates as epoch days, and the names, as the canonical file reads. */
    private static Totals canonical;

    private record Totals(int deals, BigDecimal amount, long closeDays, List<String> names) {
    }

    @BeforeAll
    static void canonicalFile() throws IOException {
        String[] owners = {"Jürgen Müller", "Anna Schröder", "Zoë Lefèvre", "José Núñez"};
        for (int i = 1; i <= 24; i++) {
            DEALS.add(new CanonicalDeal("C-" + i, "Größenänderung \"Phase " + i + "\", Süd", owners[i % 4],
                    List.of("Prospect", "Qualified", "Discovery", "Proposed", "Closed won").get(i % 5),
                    new BigDecimal(i * 1234567L).movePointLeft(2), i % 3 == 0 ? "EUR" : "USD",
                    LocalDate.of(2026, 1 + i % 12, 1 + (i * 7) % 28)));
        }
        Path file = folder.resolve("canonical.csv");
        write(file, new Variant(',', StandardCharsets.UTF_8, false, Locale.ROOT, "\n", false, false));
        canonical = totals(file);
        assertThat(canonical.deals()).isEqualTo(24);
    }

    record Variant(char delimiter, Charset charset, boolean bom, Locale locale, String newline, boolean quoteAll,
            boolean titleAndFooter) {
    }

    static Stream<Arguments> variants() {
        List<Arguments> variants = new ArrayList<>();
        char[] delimiters = {',', ';', '\t', '|'};
        Object[][] encodings = {{StandardCharsets.UTF_8, false}, {StandardCharsets.UTF_8, true},
            {StandardCharsets.UTF_16LE, true}, {StandardCharsets.UTF_16BE, true}, {Charset.forName("windows-1252"), false}};
        Locale[] locales = {Locale.ROOT, Locale.US, Locale.GERMANY, Locale.FRANCE, Locale.UK};
        int n = 0;
        for (char delimiter : delimiters) {
            for (Object[] encoding : encodings) {
                for (Locale locale : locales) {
                    n++;
                    variants.add(Arguments.of(new Variant(delimiter, (Charset) encoding[0], (Boolean) encoding[1],
                            locale, n % 2 == 0 ? "\r\n" : "\n", n % 3 == 0, n % 4 == 0)));
                }
            }
        }
        return variants.stream();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyDialectEncodingAndLocaleReadsToTheCanonicalTotals(Variant variant) throws IOException {
        Path file = folder.resolve("variant-" + Integer.toHexString(variant.hashCode()) + ".csv");
        write(file, variant);
        assertThat(totals(file)).isEqualTo(canonical);
    }

    @Test
    void workbookWithRealDatesFormulasHiddenColumnsAndTitleRowsReadsToTheCanonicalTotals() throws IOException {
        Path file = folder.resolve("deals.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            workbook.createSheet("Notes").createRow(0).createCell(0).setCellValue("not this sheet");
            Sheet sheet = workbook.createSheet("Opportunities");
            workbook.setSheetOrder("Opportunities", 0);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("dd.mm.yyyy"));
            sheet.createRow(0).createCell(0).setCellValue("Opportunities report");
            sheet.createRow(1).createCell(0).setCellValue("Filtered by: all owners");
            Row header = sheet.createRow(3);
            String[] names = {"Opportunity ID", "Internal note", "Opportunity Name", "Opportunity Owner", "Stage",
                "Amount", "Amount Currency", "Close Date"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            sheet.setColumnHidden(1, true);
            int r = 4;
            for (CanonicalDeal deal : DEALS) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(deal.id());
                row.createCell(1).setCellValue("hidden " + deal.id());
                row.createCell(2).setCellValue(deal.name());
                row.createCell(3).setCellValue(deal.owner());
                row.createCell(4).setCellValue(deal.stage());
                if (r % 5 == 0) {
                    // a formula: its cached value is read
                    row.createCell(5).setCellFormula(deal.amount().toPlainString() + "*1");
                    row.getCell(5).setCellValue(deal.amount().doubleValue());
                } else {
                    row.createCell(5).setCellValue(deal.amount().doubleValue());
                }
                row.createCell(6).setCellValue(deal.currency());
                row.createCell(7).setCellValue(deal.close());
                row.getCell(7).setCellStyle(date);
            }
            sheet.createRow(r + 1).createCell(0).setCellValue("Grand Totals (24 records)");
            for (int empty = r + 3; empty < r + 10; empty++) {
                sheet.createRow(empty).createCell(2).setCellValue("");
            }
            workbook.write(out);
        }
        assertThat(totals(file)).isEqualTo(canonical);
    }

    private static void write(Path file, Variant v) throws IOException {
        DateTimeFormatter dates = switch (v.locale().toString()) {
            case "en_US" -> DateTimeFormatter.ofPattern("M/d/yyyy");
            case "de_DE" -> DateTimeFormatter.ofPattern("dd.MM.yyyy");
            case "fr_FR", "en_GB" -> DateTimeFormatter.ofPattern("dd/MM/yyyy");
            default -> DateTimeFormatter.ISO_LOCAL_DATE;
        };
        StringBuilder text = new StringBuilder();
        if (v.titleAndFooter()) {
            text.append(cell("Opportunities by stage", v)).append(v.newline()).append(v.newline());
        }
        text.append(String.join(String.valueOf(v.delimiter()), Stream.of("Opportunity ID", "Opportunity Name",
                "Opportunity Owner", "Stage", "Amount", "Currency", "Close Date").map(h -> cell(h, v)).toList()))
                .append(v.newline());
        for (CanonicalDeal deal : DEALS) {
            List<String> cells = List.of(deal.id(), deal.name(), deal.owner(), deal.stage(), amount(deal.amount(), v),
                    deal.currency(), deal.close().format(dates));
            text.append(String.join(String.valueOf(v.delimiter()), cells.stream().map(c -> cell(c, v)).toList()))
                    .append(v.newline());
        }
        if (v.titleAndFooter()) {
            text.append(v.newline()).append(cell("Grand Totals (24 records)", v)).append(v.newline())
                    .append(cell("Confidential Information - Do Not Distribute", v)).append(v.newline());
        }
        byte[] body = text.toString().getBytes(v.charset());
        try (OutputStream out = Files.newOutputStream(file)) {
            if (v.bom()) {
                out.write(v.charset().equals(StandardCharsets.UTF_8) ? new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}
                        : v.charset().equals(StandardCharsets.UTF_16LE) ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                                : new byte[] {(byte) 0xFE, (byte) 0xFF});
            }
            out.write(body);
        }
    }

    private static String amount(BigDecimal amount, Variant v) {
        return switch (v.locale().toString()) {
            case "en_US", "en_GB" -> String.format(Locale.US, "%,.2f", amount);
            case "de_DE" -> String.format(Locale.GERMANY, "%,.2f", amount);
            case "fr_FR" -> String.format(Locale.US, "%,.2f", amount).replace(",", " ").replace('.', ',');
            default -> amount.toPlainString();
        };
    }

    private static String cell(String value, Variant v) {
        boolean needsQuotes = value.indexOf(v.delimiter()) >= 0 || value.contains("\"") || value.contains("\n");
        return v.quoteAll() || needsQuotes ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static Totals totals(Path file) {
        List<String> items = List.of();
        DealExportReader reader = new DealExportReader(file, items, ReadOptions.DEFAULT);
        DealRowParser parser = new DealRowParser(PLAYBOOK, FX, "USD", "USD");
        reader.open(new ExecutionContext());
        int deals = 0;
        BigDecimal amount = BigDecimal.ZERO;
        long days = 0;
        List<String> names = new ArrayList<>();
        try {
            for (SourceRow row = reader.read(); row != null; row = reader.read()) {
                if (row.skipReason() != null) {
                    continue;
                }
                ParsedDeal deal = parser.parse(row);
                deals++;
                amount = amount.add(deal.amountReporting());
                days += deal.closeDate().toEpochDay();
                names.add(deal.dealName() + "/" + deal.owner());
            }
        } finally {
            reader.close();
        }
        return new Totals(deals, amount, days, names);
    }
}
