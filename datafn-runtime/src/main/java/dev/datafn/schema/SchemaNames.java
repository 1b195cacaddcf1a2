package dev.datafn.schema;

import java.util.Set;
import java.util.regex.Pattern;

/** The naming rules shared by the processor's checks and the runtime's schema validation. */
public final class SchemaNames {

    /** A resource name: lower case letter first, then lower case letters, digits and {@code _}; at most 63. */
    public static final Pattern RESOURCE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** A field or relation name: a Java identifier without {@code $}, as in the record. */
    public static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");

    /** An id prefix: 1 to 10 lower-case letters or digits, starting with a letter. */
    public static final Pattern ID_PREFIX = Pattern.compile("[a-z][a-z0-9]{0,9}");

    /** The names of the resources the runtime adds to every schema ({@link BuiltInResources}); no other may take them. */
    public static final Set<String> BUILT_IN_RESOURCES = Set.of(BuiltInResources.KV);

    /** The column length of a string field without maxLength (mirrors the processor). */
    public static final int UNBOUNDED_STRING_LENGTH = 1_000_000;

    /** The column length of ids, many-one references and link-table ids (mirrors the processor). */
    public static final int KEY_LENGTH = 255;

    private SchemaNames() {
    }

    /**
     * Converts a camelCase name to snake_case, the column naming of every generated table.
     *
     * @param name a field name such as {@code dueDate}
     * @return the column name such as {@code due_date}
     */
    public static String toSnakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
