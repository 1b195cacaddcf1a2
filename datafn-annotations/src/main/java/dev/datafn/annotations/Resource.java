package dev.datafn.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a record as a DataFn resource: a named, versioned collection served over the DataFn
 * protocol. The annotation processor generates the field handles, the JPA entity, the repository,
 * the REST routes and the schema entry for it.
 *
 * <p>Every record component is a field of the resource; exactly one carries {@link Id}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Resource {

    /** The resource name on the wire and the table name, e.g. {@code "todos"}: lower case, digits, {@code _}. */
    String name();

    /** The schema version clients send with each request; a request with another version is refused. */
    int version() default 1;

    /**
     * The prefix of server-generated ids, e.g. {@code "td"} gives {@code td_01J...}: 1 to 10 lower-case
     * letters or digits, starting with a letter.
     */
    String idPrefix();
}
