package dev.datafn.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks for a database index that serves DataFn's own queries. On a component it indexes that field; on the
 * record it indexes the listed {@link #fields()} together, in order. Every index is led by the namespace
 * column, since every query is scoped to one namespace, and ends with the id, ascending, since every DataFn
 * sort ends with it as the tiebreaker: {@code @Index(fields = {"completed", "priority:desc"})} on todos is
 * {@code (namespace, completed, priority desc, id)}, which serves a query filtering {@code completed} and
 * sorted by {@code ["priority:desc"]} without sorting, page after page. An index on the id alone makes none: it
 * would be {@code (namespace, id)}, the primary key, which already serves pages in id order.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Repeatable(Index.List.class)
public @interface Index {

    /**
     * The indexed fields, when placed on the record; must be empty on a component (which is indexed ascending).
     * Each is written like a DFQL sort term: {@code "dueDate"} or {@code "dueDate:asc"} for ascending, nulls
     * last; {@code "priority:desc"} for descending, nulls first. Those are the orders DataFn sorts by (nulls are
     * the largest value), so the index hands rows out in the order a query asks for. Equality-filtered fields go
     * first, then the sort keys in the query's order and directions; the id, ascending, is appended unless it is
     * already last.
     */
    String[] fields() default {};

    /** The index's name; empty derives {@code <resource>_<fields>_idx}, e.g. {@code todos_completed_priority_desc_idx}. */
    String name() default "";

    /** Holds several {@link Index} annotations on one record. */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.TYPE)
    @interface List {
        /** The indexes. */
        Index[] value();
    }
}
