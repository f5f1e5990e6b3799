package com.pipelineforecast.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** CSV records with their starting line numbers; encoding and delimiter detected (see {@link CsvDialect}). */
final class CsvRecordSource implements RecordSource {

    private final String fileName;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long lastLine;
    private long startLine;

    CsvRecordSource(Path file, Charset forcedEncoding) {
        this.fileName = file.getFileName().toString();
        CsvDialect dialect = CsvDialect.detect(file, forcedEncoding);
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(dialect.bomLength());
            // a byte that is not valid in the encoding is an error, not a silent replacement character
            var decoder = dialect.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            BufferedReader text = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
            CSVFormat format = CSVFormat.DEFAULT.builder()
                    .setDelimiter(dialect.delimiter())
                    .setIgnoreEmptyLines(false)
                    .get();
            parser = CSVParser.builder().setReader(text).setFormat(format).get();
            records = parser.iterator();
        } catch (IOException e) {
            throw new InputUnusableException(fileName + ": cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> next() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            startLine = lastLine + 1;
            lastLine = parser.getCurrentLineNumber();
            List<String> cells = new ArrayList<>(record.size());
            record.forEach(cells::add);
            return cells;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new InputUnusableException(fileName + " line " + (lastLine + 1) + ": cannot be read as CSV: "
                    + rootMessage(e), e);
        }
    }

    @Override
    public long position() {
        return startLine;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        if (message.contains("EOF reached before encapsulated token finished")) {
            return "a quoted field that starts here is never closed (unterminated quote)";
        }
        if (message.contains("Invalid character between encapsulated token and delimiter")
                || message.contains("Invalid char between encapsulated token and delimiter")) {
            return "a closing quote is followed by text before the next delimiter (broken quoting)";
        }
        return root.getClass().getSimpleName().contains("Malformed") || root.getClass().getSimpleName()
                .contains("Unmappable") ? "a byte sequence that is not valid in the detected encoding ("
                        + root.getMessage() + "); give the encoding with --encoding" : root.getMessage();
    }
}
