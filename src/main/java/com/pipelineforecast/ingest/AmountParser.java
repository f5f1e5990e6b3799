package com.pipelineforecast.ingest;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Reads money as CRMs export it: {@code 12345.67}, {@code 12,345.67}, {@code 12.345,67}, {@code 12 345,67},
 * {@code '12345}, {@code (1,234.00)}, with currency symbols or ISO codes around the number. The last of
 * {@code .} and {@code ,} is the decimal separator when both occur; a single separator followed by exactly
 * three digits is a thousands separator when it is a comma, a decimal point otherwise. Anything else that is
 * not a number is refused, never guessed.
 */
public final class AmountParser {

    /** Symbols that name one currency; {@code $} and {@code ¥} do not, so they only strip. */
    private static final Map<String, String> SYMBOLS = Map.of("€", "EUR", "£", "GBP", "฿", "THB", "₹", "INR",
            "₩", "KRW", "₫", "VND", "₺", "TRY", "₽", "RUB");

    /** Digits an amount may have before the decimal point. */
    public static final int MAX_INTEGER_DIGITS = 15;
    private static final java.util.regex.Pattern CURRENCY_CODE = java.util.regex.Pattern.compile("[A-Z]{3}");
    private static final java.util.regex.Pattern GROUP_SEPARATOR = java.util.regex.Pattern.compile("[.,]");
    private static final String LIMIT_TEXT = "999,999,999,999,999.99";

    private AmountParser() {
    }

    /** A parsed amount and the currency its text named, if any. */
    public record Money(BigDecimal amount, String currency) {
    }

    public static Money parse(String raw) {
        String text = raw.strip();
        String currency = null;
        boolean negative = false;
        if (text.startsWith("'")) {
            text = text.substring(1).strip();
        }
        if (text.startsWith("(") && text.endsWith(")")) {
            negative = true;
            text = text.substring(1, text.length() - 1).strip();
        }
        StringBuilder number = new StringBuilder(text.length());
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' || c == '.' || c == ',') {
                number.append(c);
            } else if (c == '-' && number.isEmpty() && !negative) {
                negative = true;
            } else if (c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\'' && !number.isEmpty()) {
                // grouping spaces and Swiss apostrophes
            } else if (Character.isLetter(c)) {
                letters.append(c);
            } else if (SYMBOLS.containsKey(String.valueOf(c))) {
                currency = SYMBOLS.get(String.valueOf(c));
            } else if (c == '$' || c == '¥' || c == '￥') {
                // ambiguous symbol: the currency column or the default decides
            } else {
                throw new IllegalArgumentException("not an amount");
            }
        }
        if (!letters.isEmpty()) {
            String code = letters.toString().toUpperCase(Locale.ROOT);
            if (!isCurrencyCode(code)) {
                throw new IllegalArgumentException("not an amount");
            }
            currency = code;
        }
        if (number.isEmpty() || number.chars().noneMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not an amount");
        }
        BigDecimal amount = new BigDecimal(canonical(number.toString()));
        checkLimit(amount);
        return new Money(negative ? amount.negate() : amount, currency);
    }

    /**
     * Refuses an amount beyond what any currency needs: more than {@link #MAX_INTEGER_DIGITS} digits before the
     * decimal point (the history keeps amounts exactly; sums of a million such deals still fit).
     */
    public static void checkLimit(BigDecimal amount) {
        if (amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("more than " + MAX_INTEGER_DIGITS + " digits before the decimal point; "
                    + "the largest amount accepted is " + LIMIT_TEXT);
        }
    }

    /** Three capital letters, as an ISO 4217 code is written. */
    static boolean isCurrencyCode(String code) {
        return CURRENCY_CODE.matcher(code).matches();
    }

    /** Thousands groups hold two or three digits (Indian lakh grouping has two), the last one three. */
    private static boolean groupsWellFormed(String number, char decimal) {
        int end = decimal == 0 ? number.length() : number.lastIndexOf(decimal);
        String integer = number.substring(0, end);
        String[] groups = GROUP_SEPARATOR.split(integer, -1);
        if (groups.length == 1) {
            return true;
        }
        if (groups[0].isEmpty() || groups[0].length() > 3 || groups[groups.length - 1].length() != 3) {
            return false;
        }
        for (int i = 1; i < groups.length - 1; i++) {
            if (groups[i].length() < 2 || groups[i].length() > 3) {
                return false;
            }
        }
        return true;
    }

    private static String canonical(String number) {
        int lastDot = number.lastIndexOf('.');
        int lastComma = number.lastIndexOf(',');
        char decimal;
        if (lastDot >= 0 && lastComma >= 0) {
            decimal = lastDot > lastComma ? '.' : ',';
        } else if (lastDot < 0 && lastComma < 0) {
            return number;
        } else {
            char separator = lastDot >= 0 ? '.' : ',';
            int position = Math.max(lastDot, lastComma);
            boolean repeated = number.indexOf(separator) != position;
            boolean threeDigitsAfter = number.length() - position - 1 == 3;
            if (repeated || separator == ',' && threeDigitsAfter) {
                decimal = 0; // only grouping
            } else {
                decimal = separator;
            }
        }
        if (!groupsWellFormed(number, decimal)) {
            throw new IllegalArgumentException("not an amount");
        }
        StringBuilder out = new StringBuilder(number.length());
        char grouping = decimal == '.' ? ',' : decimal == ',' ? '.' : 0;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == decimal) {
                out.append('.');
            } else if (c == '.' || c == ',') {
                if (decimal != 0 && c != grouping) {
                    throw new IllegalArgumentException("not an amount");
                }
            } else {
                out.append(c);
            }
        }
        if (decimal != 0 && out.indexOf(".") != out.lastIndexOf(".")) {
            throw new IllegalArgumentException("not an amount");
        }
        String result = out.toString();
        if (result.startsWith(".")) {
            result = "0" + result;
        }
        if (result.endsWith(".")) {
            throw new IllegalArgumentException("not an amount");
        }
        return result;
    }
}
