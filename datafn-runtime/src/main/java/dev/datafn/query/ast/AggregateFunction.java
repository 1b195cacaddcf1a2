package dev.datafn.query.ast;

import java.util.Arrays;
import java.util.Optional;

/** The aggregate functions of DFQL, each executed by the database. */
public enum AggregateFunction {
    /** Rows, or non-null values of a field. */
    COUNT("count"),
    /** Distinct non-null values of a field. */
    COUNT_DISTINCT("countDistinct"),
    /** The sum of a numeric field. */
    SUM("sum"),
    /** The average of a numeric field, as a double. */
    AVG("avg"),
    /** The smallest value of an ordered field. */
    MIN("min"),
    /** The largest value of an ordered field. */
    MAX("max");

    private final String wireName;

    AggregateFunction(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name on the wire */
    public String wireName() {
        return wireName;
    }

    /** @param name a wire name @return the function, if DFQL has it */
    public static Optional<AggregateFunction> fromWire(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }
}
