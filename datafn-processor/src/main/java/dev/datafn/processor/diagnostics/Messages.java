package dev.datafn.processor.diagnostics;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Every message the processor reports, one formatter per problem. Each message starts with a stable
 * {@code [DataFn/Code]}, says what is wrong and how to fix it. Tests build expected messages with the
 * same formatters.
 */
public final class Messages {

    /** The component types a field may have, as the fix of an unsupported type lists them. */
    public static final String SUPPORTED_TYPES = "String, boolean/Boolean, int/Integer, long/Long, double/Double, "
            + "BigDecimal, Instant, LocalDate, an enum, JsonNode, or List<String> with @Relation(kind = MANY_MANY "
            + "or ONE_MANY)";

    private Messages() {
    }

    private static String code(String code, String text) {
        return "[DataFn/" + code + "] " + text;
    }

    private static String list(Collection<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    // --- the resource as a whole ---------------------------------------------------------------

    /** @param kind the element kind, e.g. "class" @param type the type's simple name @return the message */
    public static String notARecord(String kind, String type) {
        return code("NotARecord", "@Resource is on " + kind + " " + type + ", but only records can be resources; "
                + "declare it as 'public record " + type + "(...)'");
    }

    /** @param record the record's simple name @return the message */
    public static String notPublic(String record) {
        return code("NotPublic", "@Resource record " + record + " is not public; generated classes outside its "
                + "package use it: declare it 'public record " + record + "(...)'");
    }

    /** @param record the record's simple name @return the message */
    public static String genericRecord(String record) {
        return code("NotARecord", "@Resource record " + record + " has type parameters; a resource's fields have "
                + "fixed types: remove the type parameters");
    }

    /** @param name the resource name as written @return the message */
    public static String invalidResourceName(String name) {
        return code("InvalidResourceName", "resource name '" + name + "' is not valid; use a lower-case letter "
                + "followed by at most 62 lower-case letters, digits or '_', e.g. name = \"todos\"");
    }

    /** @param name a resource name the runtime adds to every schema itself @return the message */
    public static String builtInResourceName(String name) {
        return code("BuiltInResourceName", "resource name '" + name + "' is taken by the built-in key-value "
                + "resource every schema has; choose another name, or store the values in '" + name + "' itself");
    }

    /** @param version the version as written @return the message */
    public static String invalidVersion(int version) {
        return code("InvalidVersion", "resource version " + version + " is not valid; versions start at 1");
    }

    /** @param prefix the id prefix as written @return the message */
    public static String invalidIdPrefix(String prefix) {
        return code("InvalidIdPrefix", "idPrefix '" + prefix + "' is not valid; use 1 to 10 lower-case letters or "
                + "digits starting with a letter, e.g. idPrefix = \"td\"");
    }

    /**
     * @param name         the resource name
     * @param record       the record that repeats it
     * @param firstRecord  the qualified name of the record that declared it first
     * @return the message
     */
    public static String duplicateResource(String name, String record, String firstRecord) {
        return code("DuplicateResource", "resource name '" + name + "' of " + record + " is already used by "
                + firstRecord + "; give every @Resource record its own name");
    }

    /** @param record the record's simple name @param resource the resource name @return the message */
    public static String missingId(String record, String resource) {
        return code("MissingId", "record " + record + " (resource '" + resource + "') has no @Id component; mark "
                + "the String component that holds the id with @Id, e.g. '@Id String id'");
    }

    /** @param record the record's simple name @param first the first id component @param second the second @return the message */
    public static String duplicateId(String record, String first, String second) {
        return code("DuplicateId", "record " + record + " has more than one @Id component ('" + first + "' and '"
                + second + "'); keep @Id on exactly one");
    }

    /** @param component the component @param type its type @return the message */
    public static String invalidId(String component, String type) {
        return code("InvalidId", "@Id component '" + component + "' has type " + type + ", but ids are strings; "
                + "declare it as 'String " + component + "'");
    }

    /** @param component the component @return the message */
    public static String idNotNamedId(String component) {
        return code("InvalidId", "@Id component '" + component + "' must be named 'id': every DataFn client "
                + "addresses records by 'id'; rename it to 'String id'");
    }

    // --- fields -------------------------------------------------------------------------------

    /** @param field the component @param resource the resource @param type the component's type @return the message */
    public static String unsupportedType(String field, String resource, String type) {
        return code("UnsupportedType", "field '" + field + "' of resource '" + resource + "' has type " + type
                + ", which DataFn cannot store; use " + SUPPORTED_TYPES);
    }

    /** @param field the component @param resource the resource @return the message */
    public static String listWithoutRelation(String field, String resource) {
        return code("UnsupportedType", "field '" + field + "' of resource '" + resource + "' has type List<String>, "
                + "which DataFn stores only as the ids of a relation; add @Relation(to = Target.class, kind = "
                + "MANY_MANY) or use " + SUPPORTED_TYPES);
    }

    /** @param component the component @param first an annotation @param second a conflicting one @return the message */
    public static String conflictingAnnotations(String component, String first, String second) {
        return code("ConflictingAnnotations", "component '" + component + "' has both @" + first + " and @" + second
                + "; keep one of them");
    }

    /** @param annotation "CreatedAt" or "UpdatedAt" @param component the component @param type its type @return the message */
    public static String invalidTimestamp(String annotation, String component, String type) {
        return code("InvalidTimestamp", "@" + annotation + " component '" + component + "' has type " + type
                + ", but server timestamps are instants; declare it as 'Instant " + component + "'");
    }

    /** @param name the name @param resource the resource @return the message */
    public static String duplicateName(String name, String resource) {
        return code("DuplicateName", "name '" + name + "' is used twice in resource '" + resource + "' (fields and "
                + "relations share one namespace, and names that differ only in case or '_' clash as constants); "
                + "rename one, or give the relation another name with @Relation(name = ...)");
    }

    /** @param name the index name @param resource the resource @return the message */
    public static String duplicateIndexName(String name, String resource) {
        return code("DuplicateName", "index name '" + name + "' is used twice in resource '" + resource
                + "'; give one of the indexes another name with @Index(name = ...)");
    }

    /** @param name the name @param resource the resource @return the message */
    public static String reservedName(String name, String resource) {
        return code("ReservedName", "name '" + name + "' in resource '" + resource + "' is reserved (the engine uses "
                + "'namespace', 'id' for the key and names starting with '__'); rename the component"
                + (name.equals("id") ? " or mark it @Id" : "") + " or the relation");
    }

    // --- constraints --------------------------------------------------------------------------

    /**
     * @param option   the {@code @Field} option
     * @param field    the field
     * @param type     the field's wire type
     * @param applies  which types the option applies to
     * @return the message
     */
    public static String constraintNotForType(String option, String field, String type, String applies) {
        return code("InvalidConstraint", option + " on field '" + field + "' (" + type + ") has no effect: it "
                + "applies only to " + applies + " fields; remove it");
    }

    /** @param field the field @param maxLength its maxLength @param limit the largest allowed @return the message */
    public static String uniqueTooLong(String field, int maxLength, int limit) {
        return code("InvalidConstraint", "unique field '" + field + "' has maxLength = " + maxLength
                + "; unique values are indexed, so keep maxLength at most " + limit);
    }

    /** @param field the field @param value the written maxLength @return the message */
    public static String maxLengthNotPositive(String field, int value) {
        return code("InvalidConstraint", "maxLength = " + value + " on field '" + field + "' is not valid; use a "
                + "length of at least 1, or leave maxLength out for no limit");
    }

    /** @param option "min" or "max" @param field the field @param value the value @return the message */
    public static String boundNotFinite(String option, String field, double value) {
        return code("InvalidConstraint", option + " = " + value + " on field '" + field + "' is not a finite number; "
                + "use a finite bound or leave " + option + " out");
    }

    /** @param field the field @param min the minimum @param max the maximum @return the message */
    public static String minAboveMax(String field, double min, double max) {
        return code("InvalidConstraint", "min = " + min + " is greater than max = " + max + " on field '" + field
                + "'; swap them or correct one");
    }

    /** @param field the field @param pattern the pattern @param problem the regex compiler's complaint @return the message */
    public static String invalidPattern(String field, String pattern, String problem) {
        return code("InvalidConstraint", "pattern '" + pattern + "' on field '" + field + "' is not a valid "
                + "java.util.regex expression (" + problem + "); correct the expression");
    }

    /**
     * @param field    the field
     * @param value    the default as written
     * @param expected what a default of the field's type looks like
     * @return the message
     */
    public static String invalidDefault(String field, String value, String expected) {
        return code("InvalidConstraint", "defaultValue '" + value + "' of field '" + field + "' is not valid: "
                + expected);
    }

    /** @param field the field @param value the default @param rule the rule it breaks @return the message */
    public static String defaultBreaksConstraint(String field, String value, String rule) {
        return code("InvalidConstraint", "defaultValue " + value + " of field '" + field + "' breaks its own "
                + rule + "; change the default or the constraint");
    }

    /** @param field the field @param value the implied zero @param rule the rule it breaks @return the message */
    public static String impliedDefaultBreaksConstraint(String field, String value, String rule) {
        return code("InvalidConstraint", "primitive field '" + field + "' defaults to " + value + ", which breaks "
                + "its " + rule + "; give a defaultValue that fits or use the wrapper type");
    }

    /** @param option the option @param field the field @param role "@Id", "@CreatedAt" ... @return the message */
    public static String constraintNotForRole(String option, String field, String role) {
        return code("InvalidConstraint", option + " on field '" + field + "' does not apply to an " + role
                + " field, which the engine fills; remove it");
    }

    // --- relations ----------------------------------------------------------------------------

    /**
     * @param component the component
     * @param target    the simple name of the class written in {@code to}
     * @param known     the simple names of the compilation's resource records
     * @return the message
     */
    public static String unknownRelationTarget(String component, String target, Collection<String> known) {
        return code("UnknownRelationTarget", "@Relation(to = " + target + ".class) on '" + component + "': " + target
                + " is not a @Resource of this compilation; annotate it or point to one of: " + list(known));
    }

    /**
     * @param component the component
     * @param kind      the relation kind
     * @param type      the component's type
     * @param expected  the type the kind needs
     * @return the message
     */
    public static String relationWrongType(String component, String kind, String type, String expected) {
        return code("InvalidRelation", "@Relation(kind = " + kind + ") on '" + component + "' needs a component of "
                + "type " + expected + ", not " + type + "; change the type or the kind");
    }

    /** @param component the component @return the message */
    public static String oneManyWithoutInverse(String component) {
        return code("InvalidRelation", "@Relation(kind = ONE_MANY) on '" + component + "' needs inverse = the name of "
                + "the MANY_ONE relation on the target that points back, e.g. inverse = \"project\"");
    }

    /**
     * @param component  the component
     * @param inverse    the inverse as written
     * @param target     the target resource
     * @param candidates the target's many-one relations back to this resource
     * @return the message
     */
    public static String inverseNotFound(String component, String inverse, String target,
            Collection<String> candidates) {
        return code("InvalidRelation", "inverse = \"" + inverse + "\" on '" + component + "': resource '" + target
                + "' has no MANY_ONE relation of that name pointing back here; use one of: " + list(candidates));
    }

    /** @param component the component @param annotation the annotation @return the message */
    public static String oneManyNotStored(String component, String annotation) {
        return code("InvalidRelation", "@" + annotation + " on ONE_MANY relation '" + component + "' has no effect: "
                + "the relation is stored on the target's side; remove it");
    }

    // --- permissions policies -----------------------------------------------------------------

    /**
     * @param where   the annotation attribute, e.g. {@code @Policy(write)}
     * @param rule    the rule as written
     * @param problem what is wrong with it
     * @return the message
     */
    public static String invalidAccessRule(String where, String rule, String problem) {
        return code("InvalidAccessRule", where + " = \"" + rule + "\" is not an access rule: " + problem
                + "; write alternatives separated by '|', e.g. \"claim:admin | claim:role=editor\"");
    }

    /** @param field the field @param record the record @return the message */
    public static String fieldRuleWithoutPolicy(String field, String record) {
        return code("FieldRuleWithoutPolicy", "field '" + field + "' has a read or write rule, but record " + record
                + " has no @Policy for it to add to; add @Policy(read = ..., write = ...) to the record");
    }

    /** @param field the id field @return the message */
    public static String ruleOnId(String field) {
        return code("RuleOnId", "the id '" + field + "' is read and written with its record; remove read/write "
                + "from its @Field and use @Policy on the record");
    }

    /** @param resource the resource @param record the record @return the message */
    public static String missingPolicy(String resource, String record) {
        return code("MissingPolicy", "resource '" + resource + "' (record " + record + ") has no @Policy: a server "
                + "refuses every request for it unless it allows unknown resources (development only); add e.g. "
                + "@Policy(read = \"authenticated\", write = \"authenticated\")");
    }

    // --- indexes ------------------------------------------------------------------------------

    /**
     * @param field    the unknown name
     * @param resource the resource
     * @param known    the fields that can be indexed
     * @return the message
     */
    public static String unknownIndexField(String field, String resource, Collection<String> known) {
        return code("UnknownIndexField", "@Index field '" + field + "' is not a stored field of resource '" + resource
                + "'; use one of: " + list(known));
    }

    /** @param written the key as written @return the message */
    public static String invalidIndexDirection(String written) {
        String field = written.substring(0, written.lastIndexOf(':'));
        return code("InvalidIndexOrder", "@Index field '" + written + "' has no direction DataFn sorts by; write '"
                + field + "' or '" + field + ":asc' (ascending, nulls last) or '" + field
                + ":desc' (descending, nulls first), as in a DFQL sort");
    }

    /**
     * @param id       the id field
     * @param resource the resource
     * @return the message
     */
    public static String idNotLastInIndex(String id, String resource) {
        return code("InvalidIndexOrder", "@Index of resource '" + resource + "' lists the id '" + id + "' before "
                + "other fields; the id is unique in a namespace, so no field after it orders anything. Remove '"
                + id + "': every index already ends with it, ascending, as every DataFn sort does");
    }

    /**
     * @param id       the id field
     * @param resource the resource
     * @return the message
     */
    public static String idDescendingInIndex(String id, String resource) {
        return code("InvalidIndexOrder", "@Index of resource '" + resource + "' orders the id '" + id + "' "
                + "descending, but DataFn always ends a sort with the id ascending, so the index could not serve it; "
                + "remove '" + id + ":desc': every index already ends with the id ascending");
    }

    /**
     * @param field    the repeated field
     * @param resource the resource
     * @return the message
     */
    public static String repeatedIndexField(String field, String resource) {
        return code("InvalidIndexOrder", "@Index of resource '" + resource + "' lists field '" + field
                + "' twice; list each field once");
    }

    /** @return the message */
    public static String emptyRecordIndex() {
        return code("UnknownIndexField", "@Index on a record must list its fields, e.g. @Index(fields = {\"title\"})");
    }

    /** @param component the component @return the message */
    public static String fieldsOnComponentIndex(String component) {
        return code("UnknownIndexField", "@Index on component '" + component + "' indexes that component; remove "
                + "fields = {...}, or move the @Index to the record");
    }

    /** @param component the component @return the message */
    public static String listNotIndexable(String component) {
        return code("UnknownIndexField", "'" + component + "' is a relation list kept outside the resource's table "
                + "and cannot be indexed; remove the @Index");
    }

    // --- processing ---------------------------------------------------------------------------

    /** @param record the record @param types the types still unknown @return the message */
    public static String unresolvedTypes(String record, Collection<String> types) {
        return code("UnresolvedType", "record " + record + " uses types that never became available: "
                + types.stream().sorted().collect(Collectors.joining(", "))
                + "; check the imports, or the processor that should generate them");
    }

    /** @param type the type that could not be generated @param source what it is generated from @return the message */
    public static String generatedNameTaken(String type, String source) {
        return code("NameClash", "cannot generate " + type + " for " + source + ": a type or file of that name "
                + "already exists; rename it (DataFn writes <Record>Fields, <Record>Query, <Record>Entity, "
                + "<Record>Repository and <Record>Routes beside each record, and the schema class named by -A" + "datafn.schemaClass)");
    }

    /** @param option the option @param value its value @return the message */
    public static String invalidSchemaClassOption(String option, String value) {
        return code("InvalidOption", "-A" + option + "=" + value + " is not a qualified class name; pass e.g. -A"
                + option + "=com.example.app.AppSchema");
    }

    /** @param field the field @return the message */
    public static String analyzerWithoutSearchable(String field) {
        return code("AnalyzerWithoutSearch", "field '" + field + "' sets an analyzer but is not searchable; add "
                + "searchable = true or remove the analyzer");
    }

    /** @param what what failed @param problem the exception @return the message */
    public static String internalError(String what, Throwable problem) {
        return code("Internal", "the DataFn processor failed while " + what + ": " + problem
                + "; this is a bug in DataFn, please report it with the record that triggers it");
    }
}
