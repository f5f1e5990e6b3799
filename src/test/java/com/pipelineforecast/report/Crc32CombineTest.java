package com.pipelineforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

/** The combined CRC-32 of two parts is java.util.zip.CRC32's of the two one after the other. */
class Crc32CombineTest {

    @Test
    void combinesEverySplitOfABuffer() {
        byte[] bytes = new byte[1000];
        new Random(7).nextBytes(bytes);
        for (int split = 0; split <= bytes.length; split++) {
            byte[] first = Arrays.copyOfRange(bytes, 0, split);
            byte[] second = Arrays.copyOfRange(bytes, split, bytes.length);
            assertThat(Crc32Combine.combine(crc(first), crc(second), second.length)).as("split at %d", split)
                    .isEqualTo(crc(bytes));
        }
    }

    @Test
    void emptyPartsChangeNothing() {
        byte[] bytes = "<sheetData>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(Crc32Combine.combine(crc(bytes), crc(new byte[0]), 0)).isEqualTo(crc(bytes));
        assertThat(Crc32Combine.combine(crc(new byte[0]), crc(bytes), bytes.length)).isEqualTo(crc(bytes));
        assertThat(Crc32Combine.combine(0, 0, 0)).isZero();
    }

    @Test
    void combinesThreePartsOfRandomLengths() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            byte[][] parts = new byte[3][];
            for (int i = 0; i < 3; i++) {
                parts[i] = new byte[random.nextInt(4) == 0 ? 0 : random.nextInt(1 << random.nextInt(20))];
                random.nextBytes(parts[i]);
            }
            CRC32 all = new CRC32();
            for (byte[] part : parts) {
                all.update(part);
            }
            long combined = Crc32Combine.combine(Crc32Combine.combine(crc(parts[0]), crc(parts[1]), parts[1].length),
                    crc(parts[2]), parts[2].length);
            assertThat(combined).isEqualTo(all.getValue());
        }
    }

    @Test
    void combinesALongSecondPart() {
        // 40 MiB of zeros: a length with high bits set exercises more of the powers of x
        byte[] zeros = new byte[40 << 20];
        byte[] head = {1, 2, 3};
        CRC32 all = new CRC32();
        all.update(head);
        all.update(zeros);
        assertThat(Crc32Combine.combine(crc(head), crc(zeros), zeros.length)).isEqualTo(all.getValue());
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
