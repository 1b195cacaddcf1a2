package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One named aggregate over records of resource {@code R}, with the Java type {@code V} of its result.
 * Keep aggregates in constants and use the same constant to ask and to read:
 *
 * <pre>{@code
 * static final Aggregate<Todo, Long> N = Aggregate.count("n");
 * static final Aggregate<Todo, Double> AVG_PRIORITY = Aggregate.avg("avgPriority", TodoFields.PRIORITY);
 * List<AggregateRow<Todo>> rows = todos.aggregate(
 *         TodoQuery.all().groupBy(TodoFields.COMPLETED).aggregate(N, AVG_PRIORITY).having(N.gt(5L)));
 * long n = rows.get(0).get(N);
 * }</pre>
 *
 * On the wire an aggregate is one member of {@code "aggregations"}: {@code "avgPriority": {"fn": "avg",
 * "field": "priority"}}. Its comparison methods make {@code having} conditions: {@code {"n": {"gt": 5}}}.
 *
 * @param <R> the record type of the resource
 * @param <V> the Java type of the result
 */
public final class Aggregate<R, V> {

    /** Aliases become JSON member names of result rows and keys of {@code having}: plain identifiers. */
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String alias;
    private final String function;
    private final String field;
    private final Class<V> resultType;
    private final Function<V, JsonNode> toWire;

    private Aggregate(String alias, String function, String field, Class<V> resultType,
            Function<V, JsonNode> toWire) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new IllegalArgumentException("an aggregate's alias is a plain identifier such as \"avgPriority\", got "
                    + (alias == null ? "null" : "\"" + alias + "\""));
        }
        this.alias = alias;
        this.function = function;
        this.field = field;
        this.resultType = resultType;
        this.toWire = toWire;
    }

    /**
     * @param alias the result's name
     * @param <R>   the record type
     * @return the number of records in each group: {@code {"fn": "count"}}
     */
    public static <R> Aggregate<R, Long> count(String alias) {
        return new Aggregate<>(alias, "count", null, Long.class, WireValues::number);
    }

    /**
     * @param alias the result's name
     * @param field the field whose distinct non-null values are counted
     * @param <R>   the record type
     * @return {@code {"fn": "countDistinct", "field": ...}}
     */
    public static <R> Aggregate<R, Long> countDistinct(String alias, ScalarField<R, ?> field) {
        return new Aggregate<>(alias, "countDistinct", field.name(), Long.class, WireValues::number);
    }

    /**
     * @param alias the result's name
     * @param field a numeric field
     * @param <R>   the record type
     * @return the sum, {@code {"fn": "sum", "field": ...}}; exact whatever the field's number type, so a
     *     sum of many integers never overflows
     */
    public static <R> Aggregate<R, BigDecimal> sum(String alias, NumberField<R, ?> field) {
        return new Aggregate<>(alias, "sum", field.name(), BigDecimal.class, WireValues::number);
    }

    /**
     * @param alias the result's name
     * @param field a numeric field
     * @param <R>   the record type
     * @return the mean of the non-null values, {@code {"fn": "avg", "field": ...}}
     */
    public static <R> Aggregate<R, Double> avg(String alias, NumberField<R, ?> field) {
        return new Aggregate<>(alias, "avg", field.name(), Double.class, WireValues::number);
    }

    /**
     * @param alias the result's name
     * @param field an ordered field
     * @param <R>   the record type
     * @param <V>   the field's value type, also the result's
     * @return the smallest value, {@code {"fn": "min", "field": ...}}
     */
    public static <R, V> Aggregate<R, V> min(String alias, RangeField<R, V> field) {
        return new Aggregate<>(alias, "min", field.name(), field.valueType(), field::toWire);
    }

    /**
     * @param alias the result's name
     * @param field an ordered field
     * @param <R>   the record type
     * @param <V>   the field's value type, also the result's
     * @return the largest value, {@code {"fn": "max", "field": ...}}
     */
    public static <R, V> Aggregate<R, V> max(String alias, RangeField<R, V> field) {
        return new Aggregate<>(alias, "max", field.name(), field.valueType(), field::toWire);
    }

    /** @return the result's name in each row and in {@code having} */
    public String alias() {
        return alias;
    }

    /** @return the Java type of the result */
    public Class<V> resultType() {
        return resultType;
    }

    /** @return the aggregate's definition: {@code {"fn": "avg", "field": "priority"}}, a fresh tree */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("fn", function);
        if (field != null) {
            out.put("field", field);
        }
        return out;
    }

    /** @param value the value @return the {@code having} condition {@code {"alias": {"eq": value}}} */
    public Criterion<AggregateRow<R>> eq(V value) {
        return test("eq", value);
    }

    /** @param value the value @return the {@code having} condition {@code {"alias": {"ne": value}}} */
    public Criterion<AggregateRow<R>> ne(V value) {
        return test("ne", value);
    }

    /** @param value the bound @return the {@code having} condition {@code {"alias": {"gt": value}}} */
    public Criterion<AggregateRow<R>> gt(V value) {
        return test("gt", value);
    }

    /** @param value the bound @return the {@code having} condition {@code {"alias": {"gte": value}}} */
    public Criterion<AggregateRow<R>> gte(V value) {
        return test("gte", value);
    }

    /** @param value the bound @return the {@code having} condition {@code {"alias": {"lt": value}}} */
    public Criterion<AggregateRow<R>> lt(V value) {
        return test("lt", value);
    }

    /** @param value the bound @return the {@code having} condition {@code {"alias": {"lte": value}}} */
    public Criterion<AggregateRow<R>> lte(V value) {
        return test("lte", value);
    }

    private Criterion<AggregateRow<R>> test(String operator, V value) {
        return new Criteria.Test<>(alias, operator, toWire.apply(WireValues.present(value)));
    }

    /** Aggregates are values: equal when they render the same and read the same type. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Aggregate<?, ?> other && alias.equals(other.alias) && function.equals(other.function)
                && Objects.equals(field, other.field) && resultType.equals(other.resultType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alias, function, field, resultType);
    }

    @Override
    public String toString() {
        return alias + "=" + toJson();
    }
}
