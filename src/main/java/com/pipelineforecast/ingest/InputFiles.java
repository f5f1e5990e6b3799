package com.pipelineforecast.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Resolves {@code --input} (folders and files) into the deal exports of a run, in a stable order, and finds
 * the reference files ({@code fx-rates.csv}, {@code quotas.csv}) beside them.
 */
public final class InputFiles {

    private static final Set<String> REFERENCE_FILES = Set.of(FxRates.FILE_NAME, "quotas.csv");

    private InputFiles() {
    }

    public static List<Path> dealExports(List<String> inputs) {
        List<Path> exports = new ArrayList<>();
        for (String input : inputs) {
            Path path = Path.of(input);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    files.filter(Files::isRegularFile).filter(InputFiles::isDealExport).sorted().forEach(exports::add);
                } catch (IOException e) {
                    throw new InputUnusableException(path + ": cannot list the folder: " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(path)) {
                if (!Files.isReadable(path)) {
                    throw new InputUnusableException(path + ": not readable");
                }
                exports.add(path);
            } else {
                throw new InputUnusableException(path + ": no such file or folder");
            }
        }
        if (exports.isEmpty()) {
            throw new InputUnusableException("no deal export (*.csv, *.xlsx) found in " + String.join(", ", inputs));
        }
        return exports;
    }

    /**
     * Refuses inputs that would mix up rows before anything is read: the same file given twice (directly, through
     * its folder or a link) is a bad option; two files of the same name in different folders are an unusable
     * input, since a row is known by its file name and line (in the history, on restart, in the reports).
     */
    public static void checkDistinct(List<String> inputs) {
        Map<Path, Path> byRealPath = new HashMap<>();
        Map<Path, String> givenBy = new HashMap<>();
        Map<String, Path> byName = new HashMap<>();
        for (String input : inputs) {
            for (Path export : dealExports(List.of(input))) {
                Path real;
                try {
                    real = export.toRealPath();
                } catch (IOException e) {
                    real = export.toAbsolutePath().normalize();
                }
                Path first = byRealPath.putIfAbsent(real, export);
                if (first != null && first.equals(export)) {
                    throw new IllegalArgumentException("--input: the file " + export + " is given twice (by '"
                            + givenBy.get(real) + "' and by '" + input + "'); name each file or folder once");
                }
                if (first != null) {
                    throw new IllegalArgumentException("--input: " + first + " and " + export + " are the same file "
                            + "(a link); name each file once");
                }
                givenBy.put(real, input);
                String name = export.getFileName().toString();
                Path other = byName.putIfAbsent(name, export);
                if (other != null) {
                    throw new InputUnusableException(name + ": two inputs have this file name (" + other + " and "
                            + export + "); rows are told apart by file name and line, so rename one of them");
                }
            }
        }
        dealExports(inputs);
    }

    /** The reference file of that name in the first input folder (or the folder of the first input file). */
    public static Path referenceFile(List<String> inputs, String name) {
        Path first = Path.of(inputs.get(0));
        Path folder = Files.isDirectory(first) ? first : first.toAbsolutePath().getParent();
        return folder.resolve(name);
    }

    private static boolean isDealExport(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean export = name.endsWith(".csv") || name.endsWith(".xlsx") || name.endsWith(".xlsm")
                || name.endsWith(".xls");
        // "~$name.xlsx" is the lock file of a workbook open in Excel
        return export && !REFERENCE_FILES.contains(name) && !name.startsWith(".") && !name.startsWith("~$");
    }
}
