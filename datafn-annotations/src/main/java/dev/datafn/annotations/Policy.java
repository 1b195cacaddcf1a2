package dev.datafn.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may read and who may write a resource's records over the DataFn protocol, on every surface
 * (queries, mutations, transactions, sync, REST). A resource without a policy is refused to every caller
 * unless the server allows unknown resources (for development); the processor warns about it.
 *
 * <p>A rule is one or more alternatives separated by {@code |}: {@code anyone} (every request the server
 * accepted), {@code authenticated} (a request with a proven caller), {@code nobody} (only server code),
 * {@code claim:NAME} (the caller's token carries claim NAME as true) or {@code claim:NAME=VALUE} (the claim
 * is VALUE, or a list holding it). Fields can be stricter with {@link Field#read()} and
 * {@link Field#write()}.
 *
 * <pre>{@code
 * @Resource(name = "projects", idPrefix = "pj")
 * @Policy(read = "anyone", write = "claim:admin")
 * public record Project(@Id String id, String name) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Policy {

    /** Who may read the records, e.g. {@code "anyone"}. */
    String read();

    /** Who may insert, change, relate and delete the records, e.g. {@code "claim:admin"}. */
    String write();
}
