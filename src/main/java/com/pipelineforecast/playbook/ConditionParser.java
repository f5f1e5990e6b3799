package com.pipelineforecast.playbook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses {@code when:} expressions such as {@code amount >= 100000 or account_type in (strategic, named)}.
 * Grammar: {@code or}-separated {@code and}-groups of comparisons ({@code >= > <= < = == !=}), {@code in (...)},
 * {@code not}, and parentheses. {@code amount} is compared in the playbook's rules currency; other fields
 * compare as numbers when both sides are numbers, otherwise as text ignoring case.
 */
public final class ConditionParser {

    private final String source;
    private final List<String> tokens;
    private int position;

    private ConditionParser(String source) {
        this.source = source;
        this.tokens = tokenize(source);
    }

    public static Condition parse(String expression) {
        ConditionParser parser = new ConditionParser(expression);
        if (parser.tokens.isEmpty()) {
            throw new IllegalArgumentException("empty condition");
        }
        Condition condition = parser.or();
        if (parser.position < parser.tokens.size()) {
            throw parser.error("unexpected '" + parser.tokens.get(parser.position) + "'");
        }
        return condition;
    }

    private Condition or() {
        Condition left = and();
        while (accept("or")) {
            Condition l = left;
            Condition r = and();
            left = facts -> l.test(facts) || r.test(facts);
        }
        return left;
    }

    private Condition and() {
        Condition left = unary();
        while (accept("and")) {
            Condition l = left;
            Condition r = unary();
            left = facts -> l.test(facts) && r.test(facts);
        }
        return left;
    }

    private Condition unary() {
        if (accept("not")) {
            Condition inner = unary();
            return facts -> !inner.test(facts);
        }
        if (accept("(")) {
            Condition inner = or();
            expect(")");
            return inner;
        }
        return comparison();
    }

    private Condition comparison() {
        String field = identifier();
        if (accept("in")) {
            expect("(");
            List<String> values = new ArrayList<>();
            do {
                values.add(value());
            } while (accept(","));
            expect(")");
            Set<String> normalized = values.stream().map(Names::normalize).collect(Collectors.toSet());
            return facts -> {
                String actual = text(facts, field);
                return actual != null && normalized.contains(Names.normalize(actual));
            };
        }
        String operator = next("a comparison operator");
        if (!Set.of(">=", ">", "<=", "<", "=", "==", "!=").contains(operator)) {
            throw error("expected a comparison operator after '" + field + "', found '" + operator + "'");
        }
        String expected = value();
        BigDecimal expectedNumber = number(expected);
        if (field.equals("amount") && expectedNumber == null) {
            throw error("amount is compared with a number, found '" + expected + "'");
        }
        return facts -> {
            if (field.equals("amount")) {
                BigDecimal amount = facts.amountInRulesCurrency();
                return amount != null && holds(amount.compareTo(expectedNumber), operator);
            }
            String actual = text(facts, field);
            if (actual == null) {
                return operator.equals("!=");
            }
            BigDecimal actualNumber = number(actual);
            if (actualNumber != null && expectedNumber != null) {
                return holds(actualNumber.compareTo(expectedNumber), operator);
            }
            int order = Names.normalize(actual).compareTo(Names.normalize(expected));
            return holds(order, operator);
        };
    }

    private static String text(Condition.Facts facts, String field) {
        String value = facts.field(field);
        return value == null || value.isBlank() ? null : value;
    }

    private static boolean holds(int order, String operator) {
        return switch (operator) {
            case ">=" -> order >= 0;
            case ">" -> order > 0;
            case "<=" -> order <= 0;
            case "<" -> order < 0;
            case "!=" -> order != 0;
            default -> order == 0;
        };
    }

    private static BigDecimal number(String value) {
        try {
            return new BigDecimal(value.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String identifier() {
        String token = next("a field name");
        if (!token.matches("[\\p{L}_][\\p{L}\\p{N}_.]*")) {
            throw error("expected a field name, found '" + token + "'");
        }
        return token.toLowerCase(Locale.ROOT);
    }

    private String value() {
        String token = next("a value");
        if (token.length() >= 2 && (token.startsWith("'") || token.startsWith("\""))) {
            return token.substring(1, token.length() - 1);
        }
        if (Set.of("(", ")", ",").contains(token)) {
            throw error("expected a value, found '" + token + "'");
        }
        return token;
    }

    private boolean accept(String token) {
        if (position < tokens.size() && tokens.get(position).equalsIgnoreCase(token)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("expected '" + token + "'");
        }
    }

    private String next(String what) {
        if (position >= tokens.size()) {
            throw error("expected " + what + " at the end");
        }
        return tokens.get(position++);
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " in '" + source + "'");
    }

    private static List<String> tokenize(String source) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if ("(),".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else if ("<>=!".indexOf(c) >= 0) {
                int end = i + 1;
                if (end < source.length() && source.charAt(end) == '=') {
                    end++;
                }
                tokens.add(source.substring(i, end));
                i = end;
            } else if (c == '\'' || c == '"') {
                int end = source.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated quote in '" + source + "'");
                }
                tokens.add(source.substring(i, end + 1));
                i = end + 1;
            } else {
                int end = i;
                while (end < source.length() && !Character.isWhitespace(source.charAt(end))
                        && "(),<>=!'\"".indexOf(source.charAt(end)) < 0) {
                    end++;
                }
                tokens.add(source.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }
}
