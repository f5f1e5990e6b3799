package com.pipelineforecast.validation;

/**
 * A set of 64-bit hashes in one {@code long[]} (open addressing): 16 bytes per entry at most, where a
 * {@code HashSet<String>} of a million keys would hold the keys themselves.
 */
final class LongHashSet {

    private long[] slots = new long[1024];
    private int size;

    /** Adds a hash; returns false when it was already present. */
    boolean add(long hash) {
        long value = hash == 0 ? 1 : hash;
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        for (int i = spread(value) & mask;; i = (i + 1) & mask) {
            if (slots[i] == 0) {
                slots[i] = value;
                size++;
                return true;
            }
            if (slots[i] == value) {
                return false;
            }
        }
    }

    boolean contains(long hash) {
        long value = hash == 0 ? 1 : hash;
        int mask = slots.length - 1;
        for (int i = spread(value) & mask;; i = (i + 1) & mask) {
            if (slots[i] == 0) {
                return false;
            }
            if (slots[i] == value) {
                return true;
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long value : old) {
            if (value != 0) {
                add(value);
            }
        }
    }

    private static int spread(long value) {
        return (int) (value ^ (value >>> 32));
    }

    /** A 64-bit hash of text: FNV-1a over its chars, then a finaliser that spreads the bits. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** The hash of a pair, from the hashes of its parts. */
    static long pair(long first, long second) {
        return mix(first * 0x9E3779B97F4A7C15L + second);
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
