package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One condition on records of resource {@code R}, built from the operators of its field handles:
 * {@code TodoFields.COMPLETED.isFalse().and(TodoFields.PRIORITY.gte(3))}. A criterion is an immutable
 * value; combining returns a new one.
 *
 * <p>It renders exactly the DFQL {@code filters} object, always in the explicit form: one field test is
 * {@code {"priority": {"gte": 3}}}, several that must all hold are {@code {"$and": [...]}}, alternatives
 * are {@code {"$or": [...]}} and a negation is {@code {"$not": {...}}}. A test on a related resource
 * ({@link RelationHandle#where}) uses a dotted key: {@code {"project.name": {"eq": "Home"}}}.
 *
 * <p>The type parameter keeps criteria on their resource: a criterion on projects cannot filter todos.
 * Criteria on {@link AggregateRow}s are the {@code having} conditions of an {@link AggregateQuery}.
 *
 * @param <R> what the criterion tests: a resource's record type, or {@code AggregateRow<R>}
 */
public sealed interface Criterion<R> permits Criteria.Test, Criteria.AllOf, Criteria.AnyOf, Criteria.Not {

    /** @return the DFQL filter object, a fresh tree on every call */
    ObjectNode toJson();

    /**
     * @param other a criterion that must hold as well
     * @return a criterion that holds when both hold ({@code $and}; nested conjunctions are flattened)
     */
    default Criterion<R> and(Criterion<R> other) {
        return allOf(List.of(this, other));
    }

    /**
     * @param other an alternative
     * @return a criterion that holds when either holds ({@code $or}; nested alternatives are flattened)
     */
    default Criterion<R> or(Criterion<R> other) {
        return anyOf(List.of(this, other));
    }

    /** @return a criterion that holds when this one does not ({@code $not}) */
    default Criterion<R> not() {
        return new Criteria.Not<>(this);
    }

    /**
     * @param criteria one or more criteria
     * @param <R>      the record type
     * @return a criterion that holds when all of them hold; a single criterion is returned as it is
     * @throws IllegalArgumentException when no criterion is given
     */
    @SafeVarargs
    static <R> Criterion<R> allOf(Criterion<R>... criteria) {
        List<Criterion<R>> list = new ArrayList<>(criteria.length);
        for (Criterion<R> c : criteria) {
            list.add(c);
        }
        return allOf(list);
    }

    /**
     * @param criteria one or more criteria
     * @param <R>      the record type
     * @return a criterion that holds when all of them hold; a single criterion is returned as it is
     * @throws IllegalArgumentException when the list is empty
     */
    static <R> Criterion<R> allOf(List<? extends Criterion<R>> criteria) {
        return Criteria.combine(criteria, true);
    }

    /**
     * @param criteria one or more criteria
     * @param <R>      the record type
     * @return a criterion that holds when at least one of them holds; a single criterion is returned as it is
     * @throws IllegalArgumentException when no criterion is given
     */
    @SafeVarargs
    static <R> Criterion<R> anyOf(Criterion<R>... criteria) {
        List<Criterion<R>> list = new ArrayList<>(criteria.length);
        for (Criterion<R> c : criteria) {
            list.add(c);
        }
        return anyOf(list);
    }

    /**
     * @param criteria one or more criteria
     * @param <R>      the record type
     * @return a criterion that holds when at least one of them holds; a single criterion is returned as it is
     * @throws IllegalArgumentException when the list is empty
     */
    static <R> Criterion<R> anyOf(List<? extends Criterion<R>> criteria) {
        return Criteria.combine(criteria, false);
    }
}
