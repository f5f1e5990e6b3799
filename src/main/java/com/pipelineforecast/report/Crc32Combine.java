package com.pipelineforecast.report;

/**
 * The CRC-32 of two byte sequences one after the other, from the CRC-32 of each and the length of the second, as
 * zlib's {@code crc32_combine} computes it (the CRC-32 of {@link java.util.zip.CRC32}: polynomial 0xEDB88320,
 * reflected). Appending {@code n} bytes multiplies the first CRC by x^(8n) modulo the polynomial; x^(2^k) is kept
 * in a table, so a combination takes at most 64 multiplications whatever the lengths.
 */
final class Crc32Combine {

    private static final int POLY = 0xedb88320;
    /** x^(2^k) modulo the polynomial, for k = 0..31 (reflected: bit 31 is x^0). */
    private static final int[] X2N = new int[32];

    static {
        int p = 1 << 30; // x^1
        X2N[0] = p;
        for (int n = 1; n < 32; n++) {
            p = multiply(p, p);
            X2N[n] = p;
        }
    }

    private Crc32Combine() {
    }

    /**
     * @param crc1    the CRC-32 of the first sequence
     * @param crc2    the CRC-32 of the second sequence
     * @param length2 the length of the second sequence in bytes
     * @return the CRC-32 of the first sequence followed by the second
     */
    static long combine(long crc1, long crc2, long length2) {
        if (length2 < 0) {
            throw new IllegalArgumentException("negative length " + length2);
        }
        return (multiply(powerOfX(length2, 3), (int) crc1) ^ (int) crc2) & 0xffffffffL;
    }

    /** a times b modulo the polynomial (both reflected). */
    private static int multiply(int a, int b) {
        int m = 1 << 31;
        int p = 0;
        while (a != 0) {
            if ((a & m) != 0) {
                p ^= b;
                a ^= m;
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return p;
    }

    /** x^(n * 2^k) modulo the polynomial. */
    private static int powerOfX(long n, int k) {
        int p = 1 << 31; // x^0
        while (n != 0) {
            if ((n & 1) != 0) {
                p = multiply(X2N[k & 31], p);
            }
            n >>>= 1;
            k++;
        }
        return p;
    }
}
