package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The kinds of {@link Criterion}, how they render, and how they move onto a related resource. */
final class Criteria {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Criteria() {
    }

    /**
     * One operator applied to one key: {@code {"priority": {"gte": 3}}}.
     *
     * @param key      the field name, dotted for a related resource's field, or an aggregate's alias
     * @param operator the operator's wire name
     * @param operand  the operand; owned by this value and never handed out
     */
    record Test<R>(String key, String operator, JsonNode operand) implements Criterion<R> {
        Test {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(operator, "operator");
            operand = operand.deepCopy();
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode out = NODES.objectNode();
            out.putObject(key).set(operator, operand.deepCopy());
            return out;
        }
    }

    /** All of the criteria hold: {@code {"$and": [...]}}. */
    record AllOf<R>(List<Criterion<R>> criteria) implements Criterion<R> {
        AllOf {
            criteria = List.copyOf(criteria);
        }

        @Override
        public ObjectNode toJson() {
            return group("$and", criteria);
        }
    }

    /** At least one of the criteria holds: {@code {"$or": [...]}}. */
    record AnyOf<R>(List<Criterion<R>> criteria) implements Criterion<R> {
        AnyOf {
            criteria = List.copyOf(criteria);
        }

        @Override
        public ObjectNode toJson() {
            return group("$or", criteria);
        }
    }

    /** The criterion does not hold: {@code {"$not": {...}}}. */
    record Not<R>(Criterion<R> criterion) implements Criterion<R> {
        Not {
            Objects.requireNonNull(criterion, "criterion");
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode out = NODES.objectNode();
            out.set("$not", criterion.toJson());
            return out;
        }
    }

    private static ObjectNode group(String operator, List<? extends Criterion<?>> criteria) {
        ObjectNode out = NODES.objectNode();
        ArrayNode items = out.putArray(operator);
        criteria.forEach(c -> items.add(c.toJson()));
        return out;
    }

    /**
     * Joins criteria into one conjunction or disjunction. Groups of the same kind are flattened, which
     * changes nothing in meaning and keeps the wire form as shallow as the engine's nesting limit likes.
     */
    static <R> Criterion<R> combine(List<? extends Criterion<R>> criteria, boolean all) {
        if (criteria.isEmpty()) {
            throw new IllegalArgumentException("combine at least one criterion");
        }
        List<Criterion<R>> flat = new ArrayList<>();
        for (Criterion<R> c : criteria) {
            Objects.requireNonNull(c, "criterion");
            switch (c) {
                case AllOf<R> group when all -> flat.addAll(group.criteria());
                case AnyOf<R> group when !all -> flat.addAll(group.criteria());
                default -> flat.add(c);
            }
        }
        if (flat.size() == 1) {
            return flat.get(0);
        }
        return all ? new AllOf<>(flat) : new AnyOf<>(flat);
    }

    /**
     * Moves a criterion on a related resource under the relation's name: every key gains the prefix,
     * so {@code name = "Home"} on projects becomes {@code project.name = "Home"} on todos.
     *
     * @param relation  the relation name
     * @param criterion a criterion on the target resource
     * @param <R>       the declaring resource's record type
     * @return the same criterion, keyed from the declaring resource
     */
    static <R> Criterion<R> under(String relation, Criterion<?> criterion) {
        return switch (criterion) {
            case Test<?> t -> new Test<>(relation + "." + t.key(), t.operator(), t.operand());
            case AllOf<?> a -> new AllOf<R>(a.criteria().stream().<Criterion<R>>map(c -> under(relation, c)).toList());
            case AnyOf<?> a -> new AnyOf<R>(a.criteria().stream().<Criterion<R>>map(c -> under(relation, c)).toList());
            case Not<?> n -> new Not<R>(under(relation, n.criterion()));
        };
    }
}
