package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.Objects;

/**
 * A typed handle on one field of resource {@code R}, the base of the generated {@code <Record>Fields}
 * constants. Subtypes carry the operators that fit the field's type, so a query that compares a
 * boolean with {@code gt} does not compile. Every field can be tested for null.
 *
 * @param <R> the record type of the resource
 */
public abstract sealed class FieldHandle<R> permits ValueField, BooleanField, JsonField {

    private final String name;

    FieldHandle(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** @return the field name on the wire */
    public final String name() {
        return name;
    }

    /** @return a criterion holding when the field is null: {@code {"field": {"is_null": true}}} */
    public final Criterion<R> isNull() {
        return test("is_null", BooleanNode.TRUE);
    }

    /** @return a criterion holding when the field has a value: {@code {"field": {"is_not_null": true}}} */
    public final Criterion<R> isNotNull() {
        return test("is_not_null", BooleanNode.TRUE);
    }

    /** The one place a field's operators become criteria. */
    final Criterion<R> test(String operator, JsonNode operand) {
        return new Criteria.Test<>(name, operator, operand);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + ")";
    }
}
