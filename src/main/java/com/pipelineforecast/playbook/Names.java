package com.pipelineforecast.playbook;

import java.util.Locale;

/** The one normalisation used to match headers, stage names and item ids. */
public final class Names {

    private Names() {
    }

    /** Lower case, letters and digits only (any script), so "Close Date", "close_date" and "CLOSE-DATE" match. */
    public static String normalize(String value) {
        String ascii = normalizeAscii(value);
        if (ascii != null) {
            return ascii;
        }
        StringBuilder out = new StringBuilder(value.length());
        value.toLowerCase(Locale.ROOT).codePoints()
                .filter(Names::isWordCharacter)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /** {@link #normalize} of a text in ASCII, without the code-point stream (it runs for every deal); else null. */
    private static String normalizeAscii(String value) {
        int length = value.length();
        boolean same = true;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            same &= c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
        }
        if (same) {
            return value;
        }
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                out.append((char) (c + ('a' - 'A')));
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return out.toString();
    }

    // Thai and Devanagari vowel signs are marks, not letters; dropping them would merge distinct words.
    private static boolean isWordCharacter(int c) {
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
