package dev.datafn.query.plan;

import dev.datafn.query.ast.Operator;
import dev.datafn.schema.FieldSchema;
import java.util.List;

/** A filter checked against the schema: fields resolved, operands typed. What executors translate. */
public sealed interface Condition {

    /** @param conditions all must hold */
    record AllOf(List<Condition> conditions) implements Condition {
        /** Copies the list. */
        public AllOf {
            conditions = List.copyOf(conditions);
        }
    }

    /** @param conditions at least one must hold */
    record AnyOf(List<Condition> conditions) implements Condition {
        /** Copies the list. */
        public AnyOf {
            conditions = List.copyOf(conditions);
        }
    }

    /** @param condition must not hold */
    record Negation(Condition condition) implements Condition {
    }

    /**
     * One field compared with a typed operand.
     *
     * @param field    the field
     * @param operator the operator
     * @param operand  the operand as a Java value of the field's type ({@code FieldValues.fromJson}); a
     *                 {@code List} for {@code in}/{@code nin}; a {@code Boolean} for the null tests; a
     *                 {@code String} pattern for {@code like}/{@code ilike}
     */
    record FieldTest(FieldSchema field, Operator operator, Object operand) implements Condition {
    }
}
