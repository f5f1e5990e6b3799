package com.pipelineforecast.history;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Sorts more items than memory should hold: runs of {@code runSize} items are sorted in memory and written to
 * files in a folder, then merged. Equal items keep the order they were added in. Memory holds one run
 * and one item per run file, whatever the number of items.
 */
public final class ExternalSort<T> implements AutoCloseable {

    /** How an item is written and read back. */
    public interface Codec<T> {
        void write(DataOutputStream out, T item) throws IOException;

        T read(DataInputStream in) throws IOException;
    }

    private final Path folder;
    private final String prefix;
    private final int runSize;
    private final Comparator<T> order;
    private final Codec<T> codec;
    private final List<T> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private final List<DataInputStream> inputs = new ArrayList<>();

    /** @param prefix the run files' name prefix in {@code folder} (unique to this sort) */
    public ExternalSort(Path folder, String prefix, int runSize, Comparator<T> order, Codec<T> codec) {
        this.folder = folder;
        this.prefix = prefix;
        this.runSize = runSize;
        this.order = order;
        this.codec = codec;
    }

    public void add(T item) {
        buffer.add(item);
        if (buffer.size() >= runSize) {
            spill();
        }
    }

    /** Hands every item to {@code action} in order. */
    public void forEachSorted(Consumer<T> action) throws IOException {
        Iterator<T> items = sorted();
        while (items.hasNext()) {
            action.accept(items.next());
        }
    }

    /** The items in order, read as they are asked for; the run files close with this sort. */
    public Iterator<T> sorted() throws IOException {
        if (runs.isEmpty()) {
            buffer.sort(order);
            return buffer.iterator();
        }
        if (!buffer.isEmpty()) {
            spill();
        }
        PriorityQueue<Head<T>> heads = new PriorityQueue<>(Comparator.comparing((Head<T> h) -> h.item(), order)
                .thenComparingInt(Head::run));
        for (Path run : runs) {
            DataInputStream in = runInput(run);
            inputs.add(in);
            T first = next(in);
            if (first != null) {
                heads.add(new Head<>(first, inputs.size() - 1));
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public T next() {
                Head<T> head = heads.poll();
                try {
                    T following = ExternalSort.this.next(inputs.get(head.run()));
                    if (following != null) {
                        heads.add(new Head<>(following, head.run()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + runs.get(head.run()), e);
                }
                return head.item();
            }
        };
    }

    private record Head<T>(T item, int run) {
    }

    private T next(DataInputStream in) throws IOException {
        if (in.read() != 1) {
            return null;
        }
        return codec.read(in);
    }

    private void spill() {
        buffer.sort(order);
        Path run = folder.resolve(prefix + "." + runs.size());
        try {
            Files.createDirectories(folder);
            try (DataOutputStream out = runOutput(run)) {
                for (T item : buffer) {
                    out.write(1);
                    codec.write(out, item);
                }
                out.write(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run, e);
        }
        runs.add(run);
        buffer.clear();
    }

    /** A compressed file of records (a state file, the revisions). */
    static DataOutputStream output(Path file) throws IOException {
        return new DataOutputStream(UnsyncBuffers.output(new DeflaterOutputStream(Files.newOutputStream(file),
                new Deflater(1), 1 << 16), 1 << 16));
    }

    /** A run file: not compressed, it lives only while the sort runs (compressing it cost more than writing it). */
    private static DataOutputStream runOutput(Path file) throws IOException {
        return new DataOutputStream(UnsyncBuffers.output(Files.newOutputStream(file), 1 << 16));
    }

    private static DataInputStream runInput(Path file) throws IOException {
        return new DataInputStream(UnsyncBuffers.input(Files.newInputStream(file), 1 << 16));
    }

    /** Forces a written file to the disk, so that a crash after it is renamed into place cannot leave it short. */
    static void force(Path file) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    static DataInputStream input(Path file) throws IOException {
        return new DataInputStream(UnsyncBuffers.input(new InflaterInputStream(Files.newInputStream(file),
                new java.util.zip.Inflater(), 1 << 16), 1 << 16));
    }

    /** Removes the run files. */
    @Override
    public void close() throws IOException {
        for (DataInputStream in : inputs) {
            in.close();
        }
        inputs.clear();
        for (Path run : runs) {
            Files.deleteIfExists(run);
        }
        runs.clear();
        buffer.clear();
    }
}
