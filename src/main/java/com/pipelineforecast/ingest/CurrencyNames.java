package com.pipelineforecast.ingest;

import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.pipelineforecast.playbook.Names;

/**
 * Currencies written by name or symbol, as Dynamics 365 exports them ("US Dollar", "Euro", "Thai Baht", "Yuan
 * Renminbi"): the English names Java knows, the ISO 4217 names where they differ, and the common symbols.
 */
final class CurrencyNames {

    private static final Map<String, String> CODES = new HashMap<>();

    static {
        for (Currency currency : Currency.getAvailableCurrencies()) {
            CODES.putIfAbsent(Names.normalize(currency.getDisplayName(Locale.ENGLISH)), currency.getCurrencyCode());
        }
        Map.ofEntries(Map.entry("Yuan Renminbi", "CNY"), Map.entry("Renminbi", "CNY"), Map.entry("Yuan", "CNY"),
                Map.entry("Pound Sterling", "GBP"), Map.entry("Yen", "JPY"), Map.entry("Won", "KRW"),
                Map.entry("Baht", "THB"), Map.entry("Dollar", "USD"), Map.entry("United States Dollar", "USD"),
                Map.entry("Rupee", "INR"), Map.entry("Singapore Dollars", "SGD"), Map.entry("Euros", "EUR"),
                Map.entry("US Dollars", "USD"), Map.entry("Swiss Francs", "CHF"))
                .forEach((name, code) -> CODES.put(Names.normalize(name), code));
        Map.of("$", "USD", "US$", "USD", "€", "EUR", "£", "GBP", "฿", "THB", "元", "CNY", "₩", "KRW",
                "₹", "INR").forEach((symbol, code) -> CODES.put(symbol, code));
    }

    private CurrencyNames() {
    }

    /** The ISO code of a currency name or symbol, or null when it is none. */
    static String code(String text) {
        String symbol = text.strip();
        String code = CODES.get(symbol);
        return code != null ? code : CODES.get(Names.normalize(symbol));
    }
}
