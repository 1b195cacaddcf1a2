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
     * Some related record matches: {@code "project.name": {"eq": "Home"}}. Executed as a subquery.
     *
     * @param relation  the relation followed
     * @param target    the related resource
     * @param condition the condition on the related record
     */
    record RelationMatch(dev.datafn.schema.RelationSchema relation, dev.datafn.schema.ResourceSchema target,
            Condition condition) implements Condition {
    }

    /**
     * One field compared with a typed operand.
     *
     * @param field    the field
     * @param operator the operator
     * @param operand  the operand as a Java value of the field's type ({@code FieldValues.fromJson}); a
     *                 {@code List} for {@code in}/{@code nin}; a {@code Boolean} for the null tests; a
     *                 {@code String} pattern for {@code like}/{@code ilike}; a two-element {@code List}
     *                 for {@code between}
     */
    record FieldTest(FieldSchema field, Operator operator, Object operand) implements Condition {
    }
}
