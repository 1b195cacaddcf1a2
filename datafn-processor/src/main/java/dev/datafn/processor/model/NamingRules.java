package dev.datafn.processor.model;

import java.util.Locale;

/** How names derive from field names: columns, constants, accessors, default relation names. */
public final class NamingRules {

    private NamingRules() {
    }

    /**
     * Converts a camelCase name to snake_case. This mirrors {@code dev.datafn.schema.SchemaNames.toSnakeCase}
     * exactly (a test keeps them equal): the runtime derives each field's column from it, and the
     * generated entity must use the same columns.
     *
     * @param name a field name such as {@code dueDate}
     * @return the column name such as {@code due_date}
     */
    public static String snakeCase(String name) {
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

    /** @param name a field or relation name @return its constant name, e.g. {@code DUE_DATE} */
    public static String constantName(String name) {
        return snakeCase(name).toUpperCase(Locale.ROOT);
    }

    /** @param name a name @return the name with its first letter in upper case */
    public static String capitalize(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * The default name of a many-one relation: the component name less a trailing {@code Id}
     * ({@code projectId} gives {@code project}), else the component name.
     *
     * @param component the component name
     * @return the relation name
     */
    public static String manyOneRelationName(String component) {
        return component.endsWith("Id") && component.length() > 2
                ? component.substring(0, component.length() - 2)
                : component;
    }
}
