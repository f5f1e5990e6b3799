package com.pipelineforecast.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** More items than a run holds come out in order, equal ones in the order added, and no run file stays. */
class ExternalSortTest {

    record Item(String key, int seq) {
    }

    private static final ExternalSort.Codec<Item> CODEC = new ExternalSort.Codec<>() {
        @Override
        public void write(DataOutputStream out, Item item) throws IOException {
            RecordCodec.writeText(out, item.key());
            out.writeInt(item.seq());
        }

        @Override
        public Item read(DataInputStream in) throws IOException {
            return new Item(RecordCodec.readText(in), in.readInt());
        }
    };

    @Test
    void sortsAcrossRunsStablyAndRemovesThem(@TempDir Path folder) throws IOException {
        Random random = new Random(7);
        List<Item> added = new ArrayList<>();
        List<Item> sorted = new ArrayList<>();
        try (ExternalSort<Item> sort = new ExternalSort<>(folder, "test", 1_000, Comparator.comparing(Item::key),
                CODEC)) {
            for (int i = 0; i < 10_500; i++) {
                Item item = new Item("k" + random.nextInt(300) + (i % 7 == 0 ? "✓" : ""), i);
                added.add(item);
                sort.add(item);
            }
            assertThat(Files.list(folder).count()).isEqualTo(10);
            sort.forEachSorted(sorted::add);
        }
        List<Item> expected = new ArrayList<>(added);
        expected.sort(Comparator.comparing(Item::key)); // List.sort is stable: equal keys keep their order
        assertThat(sorted).isEqualTo(expected);
        assertThat(Files.list(folder)).isEmpty();
    }
}
