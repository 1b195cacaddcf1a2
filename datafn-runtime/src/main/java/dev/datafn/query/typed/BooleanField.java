package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;

/**
 * Handle on a boolean field of resource {@code R}: {@code eq}, {@code ne} and their short forms
 * {@link #isTrue()} and {@link #isFalse()}; booleans have no order to compare and no pattern to match.
 *
 * @param <R> the record type of the resource
 */
public final class BooleanField<R> extends FieldHandle<R> implements ScalarField<R, Boolean> {

    /** @param name the field name on the wire */
    public BooleanField(String name) {
        super(name);
    }

    @Override
    public Class<Boolean> valueType() {
        return Boolean.class;
    }

    @Override
    public JsonNode toWire(Boolean value) {
        return BooleanNode.valueOf(WireValues.present(value));
    }

    /** @param value the value @return {@code {"field": {"eq": value}}} */
    public Criterion<R> eq(boolean value) {
        return test("eq", BooleanNode.valueOf(value));
    }

    /** @param value the value @return {@code {"field": {"ne": value}}}; a null field does not match */
    public Criterion<R> ne(boolean value) {
        return test("ne", BooleanNode.valueOf(value));
    }

    /** @return {@code {"field": {"eq": true}}} */
    public Criterion<R> isTrue() {
        return eq(true);
    }

    /** @return {@code {"field": {"eq": false}}} */
    public Criterion<R> isFalse() {
        return eq(false);
    }
}
