package dev.datafn.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Constraints and options of one resource field. A component without {@code @Field} is an optional
 * field with no constraints; the field's type follows from the component's Java type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Field {

    /** Marks an unset {@link #defaultValue()}: the field has no default. */
    String NO_DEFAULT = "\u0000";

    /** The value must be present and non-null on insert (a {@link #defaultValue()} satisfies it). */
    boolean required() default false;

    /** No two records of one namespace may hold the same value; a duplicate is a CONFLICT. */
    boolean unique() default false;

    /** The value used when an insert omits the field, written as JSON text, e.g. {@code "false"}, {@code "0"}, {@code "\"red\""} or {@code "red"}. */
    String defaultValue() default NO_DEFAULT;

    /** The longest string accepted, in characters; {@code -1} for no limit. */
    int maxLength() default -1;

    /** The smallest number accepted; {@code NaN} for no bound. */
    double min() default Double.NaN;

    /** The largest number accepted; {@code NaN} for no bound. */
    double max() default Double.NaN;

    /** A regular expression (java.util.regex) the whole string must match; empty for none. */
    String pattern() default "";

    /** The field takes part in full-text search (a string field only). */
    boolean searchable() default false;

    /** How a searchable field's text is split into words and normalised; for searchable fields only. */
    SearchAnalyzer analyzer() default SearchAnalyzer.DEFAULT;

    /** Clients may read the field but never write it; only the server (or Java code) sets it. */
    boolean readOnly() default false;

    /**
     * Who may read this field, in addition to the resource's {@link Policy#read()}, e.g.
     * {@code "claim:admin"}; empty for the resource's rule alone. A caller who may not read it gets records
     * without it and is refused when it filters, sorts or aggregates by it.
     */
    String read() default "";

    /**
     * Who may set this field, in addition to the resource's {@link Policy#write()}; empty for the
     * resource's rule alone. A caller who may not write it is refused when it sets it; a replace leaves it
     * as stored.
     */
    String write() default "";
}
