package com.pipelineforecast.playbook;

import java.util.Locale;

/** The one normalisation used to match headers, stage names and item ids. */
public final class Names {

    private Names() {
    }

    /** Lower case, letters and digits only (any script), so "Close Date", "close_date" and "CLOSE-DATE" match. */
    public static String normalize(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.toLowerCase(Locale.ROOT).codePoints()
                .filter(Names::isWordCharacter)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    // Thai and Devanagari vowel signs are marks, not letters; dropping them would merge distinct words.
    private static boolean isWordCharacter(int c) {
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
