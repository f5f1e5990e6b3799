package com.pipelineforecast.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LongHashSetTest {

    @Test
    void agreesWithAHashSetThroughManyGrowths() {
        LongHashSet set = new LongHashSet();
        Set<Long> reference = new HashSet<>();
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long value = random.nextInt(150_000) * 0x9E3779B97F4A7C15L;
            assertThat(set.add(value)).isEqualTo(reference.add(value));
        }
        assertThat(set.size()).isEqualTo(reference.size());
        for (int i = 0; i < 1000; i++) {
            long value = random.nextInt(300_000) * 0x9E3779B97F4A7C15L;
            assertThat(set.contains(value)).isEqualTo(reference.contains(value));
        }
    }

    @Test
    void zeroIsAValueLikeAnyOther() {
        LongHashSet set = new LongHashSet();
        assertThat(set.contains(0)).isFalse();
        assertThat(set.add(0)).isTrue();
        assertThat(set.add(0)).isFalse();
        assertThat(set.contains(0)).isTrue();
    }

    @Test
    void textHashesTellKeysAndPairsApart() {
        assertThat(LongHashSet.hash("acme|sensor retrofit")).isEqualTo(LongHashSet.hash("acme|sensor retrofit"))
                .isNotEqualTo(LongHashSet.hash("acme|sensor retrofit "));
        assertThat(LongHashSet.pair(LongHashSet.hash("ab"), LongHashSet.hash("c")))
                .isNotEqualTo(LongHashSet.pair(LongHashSet.hash("a"), LongHashSet.hash("bc")));
    }
}
