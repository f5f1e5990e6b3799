package com.pipelineforecast.playbook;

import java.math.BigDecimal;

/** A {@code when:} condition of a checklist item, evaluated per deal. */
@FunctionalInterface
public interface Condition {

    Condition ALWAYS = facts -> true;

    boolean test(Facts facts);

    /** What a condition can ask about a deal. */
    interface Facts {
        /** The deal amount in the playbook's rules currency, or null when unknown. */
        BigDecimal amountInRulesCurrency();

        /** A text field of the deal by canonical or export column name, or null when absent. */
        String field(String name);
    }
}
