package dev.datafn.processor.model;

/**
 * The options of a field, from {@code @Field} and from the component's Java type. An unset option is
 * {@code null} (or {@code false}).
 *
 * @param required       the value must be present on insert
 * @param unique         no two records of a namespace share the value
 * @param defaultValue   the default as JSON text (bare words already quoted), or {@code null}
 * @param defaultImplied the default is the zero value of a primitive component, not written by the user
 * @param maxLength      the longest accepted string, or {@code null}
 * @param min            the smallest accepted number, or {@code null}
 * @param max            the largest accepted number, or {@code null}
 * @param pattern        the regular expression a string must match, or {@code null}
 * @param searchable     the field takes part in full-text search
 * @param readOnly       clients may not write the field
 * @param readRule       who may read the field beyond the resource's policy, or {@code null}
 * @param writeRule      who may write the field beyond the resource's policy, or {@code null}
 * @param analyzer       the search analyzer's constant name ({@code SearchAnalyzer}), {@code DEFAULT} unless set
 */
public record FieldConstraints(
        boolean required,
        boolean unique,
        String defaultValue,
        boolean defaultImplied,
        Integer maxLength,
        Double min,
        Double max,
        String pattern,
        boolean searchable,
        boolean readOnly,
        String readRule,
        String writeRule,
        String analyzer) {

    /** A field without any option. */
    public static final FieldConstraints NONE =
            new FieldConstraints(false, false, null, false, null, null, null, null, false, false, null, null, "DEFAULT");

    /** The id's options: required and unique. */
    public static final FieldConstraints ID =
            new FieldConstraints(true, true, null, false, null, null, null, null, false, false, null, null, "DEFAULT");
}
