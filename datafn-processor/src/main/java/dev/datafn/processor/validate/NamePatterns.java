package dev.datafn.processor.validate;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The naming rules the processor checks at compile time. They mirror
 * {@code dev.datafn.schema.SchemaNames.RESOURCE_NAME}, {@code ID_PREFIX} and {@code BUILT_IN_RESOURCES} in
 * the runtime, which the processor must not depend on; a test compares the two so they cannot drift apart.
 */
public final class NamePatterns {

    /** A resource name: a lower-case letter, then up to 62 lower-case letters, digits or {@code _}. */
    public static final Pattern RESOURCE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** An id prefix: 1 to 10 lower-case letters or digits, starting with a letter. */
    public static final Pattern ID_PREFIX = Pattern.compile("[a-z][a-z0-9]{0,9}");

    /**
     * Resource names the runtime adds to every schema itself (the key-value resource), which a record
     * therefore cannot take.
     */
    public static final Set<String> BUILT_IN_RESOURCES = Set.of("kv");

    private NamePatterns() {
    }
}
