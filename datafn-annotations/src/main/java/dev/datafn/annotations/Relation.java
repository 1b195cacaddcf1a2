package dev.datafn.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a relation to another resource.
 *
 * <ul>
 *   <li>{@link Kind#MANY_ONE} on a {@code String} component holding the target's id, e.g.
 *       {@code @Relation(to = Project.class, name = "project") String projectId}.</li>
 *   <li>{@link Kind#MANY_MANY} on a {@code List<String>} component holding the targets' ids, stored in
 *       a link table, e.g. {@code @Relation(to = Tag.class, kind = MANY_MANY) List<String> tags}.</li>
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Relation {

    /** The cardinality of a relation, seen from the declaring resource. */
    enum Kind {
        /** Many records of this resource point at one target record. */
        MANY_ONE,
        /** One record of this resource has many target records (the inverse of a MANY_ONE). */
        ONE_MANY,
        /** Records on both sides have many of the other. */
        MANY_MANY
    }

    /** The target resource: a record annotated with {@link Resource}. */
    Class<?> to();

    /** The relation's cardinality. */
    Kind kind() default Kind.MANY_ONE;

    /**
     * The relation's name in DFQL ({@code select: ["project.*"]}). Empty means: the component name, less
     * a trailing {@code Id} for a many-one ({@code projectId} -> {@code project}).
     */
    String name() default "";

    /** The name of the relation on the target resource that is this one's inverse; empty for none. */
    String inverse() default "";
}
