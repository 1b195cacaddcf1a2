package dev.datafn.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks for a database index. On a component it indexes that field; on the record it indexes the
 * listed {@link #fields()} together, in order. Every index is prefixed by the namespace column, since
 * every query is scoped to one namespace.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Repeatable(Index.List.class)
public @interface Index {

    /** The indexed fields, when placed on the record; ignored (and must be empty) on a component. */
    String[] fields() default {};

    /** The index's name; empty derives {@code <resource>_<fields>_idx}. */
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
