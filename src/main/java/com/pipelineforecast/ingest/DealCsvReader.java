package com.pipelineforecast.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams the data rows of one CSV deal export. Rows that are entirely blank are not rows. The number of rows
 * handed out is saved in the step's execution context, so a restarted step continues after the last committed
 * chunk.
 */
public class DealCsvReader implements ItemStreamReader<SourceRow> {

    static final String ROWS_READ = "rows.read";

    private final Path file;
    private final String fileName;
    private final Collection<String> checklistItemIds;

    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private HeaderMap header;
    private long rowsRead;
    private long lastLine;
    private long startLine;

    public DealCsvReader(Path file, Collection<String> checklistItemIds) {
        this.file = file;
        this.fileName = file.getFileName().toString();
        this.checklistItemIds = checklistItemIds;
    }

    /** Reads just the header of a file and maps it; used before a run starts to refuse unusable inputs. */
    public static HeaderMap inspect(Path file, Collection<String> checklistItemIds) {
        DealCsvReader reader = new DealCsvReader(file, checklistItemIds);
        try {
            reader.openParser();
            return reader.header;
        } finally {
            reader.close();
        }
    }

    @Override
    public void open(ExecutionContext context) {
        openParser();
        long resumeAfter = context.getLong(ROWS_READ, 0L);
        while (rowsRead < resumeAfter && nextDataRecord() != null) {
            rowsRead++;
        }
        if (rowsRead < resumeAfter) {
            throw new ItemStreamException(fileName + " has fewer rows (" + rowsRead + ") than the " + resumeAfter
                    + " already ingested before the restart: the file changed since the failed run");
        }
    }

    private void openParser() {
        CsvDialect dialect = CsvDialect.detect(file);
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(dialect.bomLength());
            BufferedReader text = new BufferedReader(new InputStreamReader(in, dialect.charset()), 1 << 16);
            CSVFormat format = CSVFormat.DEFAULT.builder()
                    .setDelimiter(dialect.delimiter())
                    .setIgnoreEmptyLines(false)
                    .setIgnoreSurroundingSpaces(false)
                    .get();
            parser = CSVParser.builder().setReader(text).setFormat(format).get();
            records = parser.iterator();
            CSVRecord headerRecord = nextDataRecord();
            if (headerRecord == null) {
                throw new InputUnusableException(fileName + ": the file is empty (no header row)");
            }
            List<String> headers = new ArrayList<>(headerRecord.size());
            headerRecord.forEach(headers::add);
            header = HeaderMap.of(headers, checklistItemIds);
            List<CanonicalColumn> missing = header.missingRequired();
            if (!missing.isEmpty()) {
                throw new InputUnusableException(fileName + ": missing required column"
                        + (missing.size() > 1 ? "s " : " ")
                        + missing.stream().map(c -> "'" + c.canonicalName() + "'").collect(Collectors.joining(", "))
                        + "; headers found: " + String.join(", ", headers));
            }
        } catch (IOException | UncheckedIOException e) {
            close();
            throw new InputUnusableException(fileName + ": cannot be read as CSV: " + rootMessage(e), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public SourceRow read() {
        CSVRecord record = nextDataRecord();
        if (record == null) {
            return null;
        }
        rowsRead++;
        String[] values = new String[record.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = record.get(i);
        }
        return new SourceRow(fileName, (int) startLine, header, values);
    }

    /** The next record that is not entirely blank, remembering the line it starts on. */
    private CSVRecord nextDataRecord() {
        try {
            while (records.hasNext()) {
                CSVRecord record = records.next();
                startLine = lastLine + 1;
                lastLine = parser.getCurrentLineNumber();
                if (!isBlank(record)) {
                    return record;
                }
            }
            return null;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new InputUnusableException(fileName + " line " + (lastLine + 1) + ": cannot be parsed as CSV: "
                    + rootMessage(e), e);
        }
    }

    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(ROWS_READ, rowsRead);
    }

    @Override
    public void close() {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                throw new ItemStreamException("cannot close " + fileName, e);
            } finally {
                parser = null;
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
