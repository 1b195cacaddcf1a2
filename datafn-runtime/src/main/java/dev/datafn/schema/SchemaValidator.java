package dev.datafn.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a set of resources at startup. The processor already rejects most mistakes at compile time;
 * this catches schemas put together at run time (several providers, hand-written resources).
 */
final class SchemaValidator {

    private SchemaValidator() {
    }

    static void validate(Collection<ResourceSchema> resources) {
        List<String> problems = new ArrayList<>();
        Map<String, ResourceSchema> byName = new HashMap<>();
        for (ResourceSchema r : resources) {
            if (byName.put(r.name(), r) != null) {
                problems.add("resource '" + r.name() + "' is declared twice");
            }
        }
        if (resources.isEmpty()) {
            problems.add("the schema has no resources");
        }
        for (ResourceSchema r : resources) {
            validateResource(r, byName, problems);
        }
        if (!problems.isEmpty()) {
            throw new SchemaValidationException(String.join("; ", problems));
        }
    }

    private static void validateResource(ResourceSchema r, Map<String, ResourceSchema> all, List<String> problems) {
        String where = "resource '" + r.name() + "'";
        if (SchemaNames.BUILT_IN_RESOURCES.contains(r.name())) {
            problems.add(where + ": the name is taken by the built-in key-value resource every schema has; "
                    + "rename the resource");
        }
        if (!SchemaNames.RESOURCE_NAME.matcher(r.name()).matches()) {
            problems.add(where + ": the name must match " + SchemaNames.RESOURCE_NAME.pattern());
        }
        if (r.version() < 1) {
            problems.add(where + ": version must be 1 or more, not " + r.version());
        }
        if (!SchemaNames.ID_PREFIX.matcher(r.idPrefix()).matches()) {
            problems.add(where + ": idPrefix '" + r.idPrefix() + "' must match " + SchemaNames.ID_PREFIX.pattern());
        }
        long ids = r.fields().stream().filter(f -> f.role() == FieldRole.ID).count();
        if (ids != 1) {
            problems.add(where + ": needs exactly one id field, has " + ids);
        }
        Set<String> names = new HashSet<>();
        for (FieldSchema f : r.fields()) {
            if (!names.add(f.name())) {
                problems.add(where + ": field '" + f.name() + "' is declared twice");
            }
            validateField(where, f, problems);
        }
        if (r.policy() != null) {
            java.util.Set<String> ruled = new java.util.TreeSet<>(r.policy().fieldReads().keySet());
            ruled.addAll(r.policy().fieldWrites().keySet());
            for (String field : ruled) {
                if (r.field(field).isEmpty()) {
                    problems.add(where + ": the permissions policy names unknown field '" + field + "'");
                }
            }
        }
        for (RelationSchema rel : r.relations()) {
            // A many-many relation is named like the id-list field that holds it; that is one name, not two.
            boolean namesItsOwnField = rel.name().equals(rel.field()) && rel.kind() == RelationKind.MANY_MANY;
            if (!names.add(rel.name()) && !namesItsOwnField) {
                problems.add(where + ": relation '" + rel.name() + "' has the name of another field or relation");
            }
            if (!all.containsKey(rel.target())) {
                problems.add(where + ": relation '" + rel.name() + "' points to unknown resource '" + rel.target() + "'");
            } else if (rel.kind() != RelationKind.ONE_MANY && r.field(rel.field()).isEmpty()) {
                problems.add(where + ": relation '" + rel.name() + "' names unknown field '" + rel.field() + "'");
            }
        }
        for (IndexSchema index : r.indexes()) {
            for (String f : index.fields()) {
                if (r.field(f).isEmpty()) {
                    problems.add(where + ": index '" + index.name() + "' names unknown field '" + f + "'");
                }
            }
        }
    }

    private static void validateField(String where, FieldSchema f, List<String> problems) {
        String field = where + ", field '" + f.name() + "'";
        if (!SchemaNames.FIELD_NAME.matcher(f.name()).matches() || f.name().equals("namespace")) {
            problems.add(field + ": not a valid field name");
        }
        if (f.role() == FieldRole.ID && f.type() != FieldType.STRING) {
            problems.add(field + ": the id must be a string");
        }
        if (f.maxLength() != null && (f.type() != FieldType.STRING || f.maxLength() < 1)) {
            problems.add(field + ": maxLength needs a string field and a value of 1 or more");
        }
        if (f.min() != null && f.max() != null && f.min() > f.max()) {
            problems.add(field + ": min " + f.min() + " is greater than max " + f.max());
        }
        if (f.pattern() != null) {
            try {
                Pattern.compile(f.pattern());
            } catch (PatternSyntaxException e) {
                problems.add(field + ": pattern does not compile: " + e.getDescription());
            }
        }
        if (f.type() == FieldType.ENUM && f.enumValues().isEmpty()) {
            problems.add(field + ": an enum field needs its values");
        }
    }
}
