package dev.datafn.mutation.prepare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.access.Access;
import dev.datafn.config.Limits;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.JsonPaths;
import dev.datafn.mutation.Mutation;
import dev.datafn.mutation.Operation;
import dev.datafn.mutation.PreparedMutation;
import dev.datafn.mutation.parse.MutationParser;
import dev.datafn.query.parse.QueryParser;
import dev.datafn.query.plan.QueryPlan;
import dev.datafn.query.plan.QueryPlanner;
import dev.datafn.schema.DefaultValues;
import dev.datafn.schema.FieldRole;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldValues;
import dev.datafn.schema.RelationKind;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import dev.datafn.schema.SchemaNames;
import dev.datafn.timing.Phases;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Prepares a mutation for the write path: parses it, and checks it against the schema before any database work: known fields, client-writable
 * fields, value types, required fields, maxLength, min, max and pattern. Everything that can be wrong
 * with a request is found here, so the transaction only fails on what depends on stored data.
 */
public final class MutationPreparer {

    /** Names a client may not write even though the record has no such field: the server owns them. */
    private static final Set<String> SERVER_OWNED_NAMES = Set.of("serverSeq", "namespace", "__deleted");

    private final Schema schema;
    private final Limits limits;
    private final LongSupplier clockMs;
    private final QueryParser queryParser;
    private final QueryPlanner queryPlanner;
    private final Access access;
    private final Map<String, Pattern> patterns;
    /** Each field's default, parsed from the schema's JSON text once rather than for every record. */
    private final Map<FieldSchema, JsonNode> defaults;

    /**
     * @param schema  the schema
     * @param limits  the limits
     * @param clockMs the server clock, for generated ids
     */
    public MutationPreparer(Schema schema, Limits limits, LongSupplier clockMs) {
        this(schema, limits, clockMs, Access.unrestricted(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    private MutationPreparer(Schema schema, Limits limits, LongSupplier clockMs, Access access,
            Map<String, Pattern> patterns, Map<FieldSchema, JsonNode> defaults) {
        this.schema = schema;
        this.limits = limits;
        this.clockMs = clockMs;
        this.queryParser = new QueryParser(limits);
        this.queryPlanner = new QueryPlanner(schema, limits, access);
        this.access = access;
        this.patterns = patterns;
        this.defaults = defaults;
    }

    /**
     * @param restricted what a caller may read and write
     * @return a preparer that refuses, with 403 FORBIDDEN, what the caller may not write (and guards on
     *         what it may not read), and whose results carry only what it may read
     */
    public MutationPreparer restrictedTo(Access restricted) {
        return new MutationPreparer(schema, limits, clockMs, restricted, patterns, defaults);
    }

    /**
     * @param mutation the mutation object
     * @param path     its JSON path in the request, for errors
     * @return it, parsed, checked and typed
     * @throws DataFnException for an invalid mutation, with the path of the offending part
     */
    public PreparedMutation prepare(JsonNode mutation, String path) {
        long start = Phases.mark();
        Mutation parsed = MutationParser.parse(mutation, path);
        Phases.add("parse", start);
        return prepare(parsed);
    }

    /**
     * Checks a parsed mutation, timed as the request's {@code validate} phase, whichever surface (mutation,
     * batch, transact, push, seed) it came from.
     *
     * @param m a parsed mutation
     * @return it, checked and typed
     */
    public PreparedMutation prepare(Mutation m) {
        long start = Phases.mark();
        try {
            return check(m);
        } finally {
            Phases.add("validate", start);
        }
    }

    private PreparedMutation check(Mutation m) {
        ResourceSchema resource = QueryPlanner.resolve(schema, m.resource(), m.version(), m.path());
        access.requireWrite(resource, JsonPaths.child(m.path(), "resource"));
        String recordPath = JsonPaths.child(m.path(), "record");
        String id = settleId(m, resource, recordPath);
        Map<FieldSchema, Object> values = new LinkedHashMap<>();
        if (m.record() != null) {
            Iterator<Map.Entry<String, JsonNode>> members = m.record().fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                String path = JsonPaths.child(recordPath, member.getKey());
                if (SERVER_OWNED_NAMES.contains(member.getKey()) && resource.field(member.getKey()).isEmpty()) {
                    throw DataFnException.invalid(path, "'" + member.getKey() + "' is set by the server and "
                            + "cannot be written by a client");
                }
                FieldSchema field = QueryPlanner.field(resource, member.getKey(), path);
                if (field.role() == FieldRole.ID) {
                    continue;
                }
                if (!field.clientWritable()) {
                    throw DataFnException.invalid(path, "field '" + field.name() + "' is set by the server and "
                            + "cannot be written by a client");
                }
                access.requireWrite(resource, field, path);
                Object value = FieldValues.fromJson(field, member.getValue(), path);
                checkConstraints(resource, field, value, path);
                values.put(field, value);
            }
        }
        if (m.operation().wholeRecord()) {
            completeWholeRecord(resource, values, recordPath, m.operation() != Operation.INSERT);
        }
        QueryPlan guard = m.guard() == null ? null
                : queryPlanner.guard(resource, id, queryParser.parseFilter(m.guard(), JsonPaths.child(m.path(), "if")));
        RelationSchema relation = null;
        ResourceSchema target = null;
        if (m.operation().onRelation()) {
            relation = relation(resource, m);
            target = schema.resource(relation.target()).orElseThrow();
            requireRelationWrite(resource, relation, target, JsonPaths.child(m.path(), "relation"));
            Ids.validate(m.targetId(), Math.min(limits.maxIdLength(), SchemaNames.KEY_LENGTH),
                    JsonPaths.child(m.path(), "targetId"));
        }
        return new PreparedMutation(m, resource, id, orderBySchema(resource, values), hash(m, resource, id), guard,
                relation, target, access);
    }

    /**
     * Linking records writes the field that holds the link (on the target for one-many) and reveals
     * whether the target exists, so the caller must be able to write the one and read the other.
     */
    private void requireRelationWrite(ResourceSchema resource, RelationSchema relation, ResourceSchema target,
            String path) {
        if (relation.kind() == RelationKind.ONE_MANY) {
            target.field(relation.field()).ifPresent(f -> access.requireWrite(target, f, path));
        } else {
            resource.field(relation.field()).ifPresent(f -> access.requireWrite(resource, f, path));
        }
        access.requireRead(target, path);
    }

    /** Resolves a relation operation's relation and checks the operation applies to its kind. */
    private static RelationSchema relation(ResourceSchema resource, Mutation m) {
        String path = JsonPaths.child(m.path(), "relation");
        RelationSchema relation = resource.relation(m.relation()).orElseThrow(() -> new DataFnException(
                ErrorCode.DFQL_UNKNOWN_RELATION, "resource '" + resource.name() + "' has no relation '"
                        + m.relation() + "'", path));
        if (relation.kind() == RelationKind.MANY_MANY && relation.linkEntity() == null) {
            throw new DataFnException(ErrorCode.DFQL_UNSUPPORTED, "relation '" + relation.name() + "' is the "
                    + "inverse side of a many-many relation; write its links from '" + relation.target() + "'", path);
        }
        if (m.metadata() != null) {
            String metadataPath = JsonPaths.child(m.path(), "metadata");
            if (relation.kind() != RelationKind.MANY_MANY) {
                throw new DataFnException(ErrorCode.DFQL_UNSUPPORTED, "only many-many links carry metadata; '"
                        + relation.name() + "' is " + relation.kind().wireName(), metadataPath);
            }
            if (m.metadata().toString().length() > SchemaNames.UNBOUNDED_STRING_LENGTH) {
                throw new DataFnException(ErrorCode.VALIDATION_FAILED, "link metadata is longer than "
                        + SchemaNames.UNBOUNDED_STRING_LENGTH + " characters", metadataPath);
            }
        }
        return relation;
    }

    private String settleId(Mutation m, ResourceSchema resource, String recordPath) {
        String idPath = JsonPaths.child(m.path(), "id");
        JsonNode inRecord = m.record() == null ? null : m.record().get("id");
        String recordId = null;
        if (inRecord != null && !inRecord.isNull()) {
            if (!inRecord.isTextual()) {
                throw DataFnException.invalid(JsonPaths.child(recordPath, "id"), "the id must be a string");
            }
            recordId = inRecord.textValue();
            idPath = JsonPaths.child(recordPath, "id");
        }
        if (m.id() != null && recordId != null && !m.id().equals(recordId)) {
            throw DataFnException.invalid(JsonPaths.child(recordPath, "id"),
                    "record.id '" + recordId + "' differs from id '" + m.id() + "'; the id of a record cannot change");
        }
        String id = m.id() != null ? m.id() : recordId;
        if (id == null && m.operation() == Operation.UPSERT) {
            throw DataFnException.invalid(JsonPaths.child(m.path(), "id"), "an upsert needs the id of the record "
                    + "to replace or insert, in 'id' or 'record.id'");
        }
        if (id == null) {
            return Ids.generate(resource.idPrefix(), clockMs.getAsLong());
        }
        return Ids.validate(id, limits.maxIdLength(), idPath);
    }

    /**
     * Completes a whole record (insert, replace, upsert): absent fields take their default, or, when the
     * record replaces a stored one, null (an empty list for links); required fields must end up set.
     * Read-only fields, and fields the caller may not write, are left alone on a replace.
     */
    private void completeWholeRecord(ResourceSchema resource, Map<FieldSchema, Object> values, String recordPath,
            boolean replacing) {
        for (FieldSchema f : resource.fields()) {
            if (f.role() != FieldRole.DATA || values.containsKey(f) || (replacing && kept(resource, f))) {
                continue;
            }
            String path = JsonPaths.child(recordPath, f.name());
            if (f.defaultValue() != null) {
                // A copy: the value may be a JSON tree of the record's own.
                values.put(f, FieldValues.fromJson(f, defaults.computeIfAbsent(f, DefaultValues::parse).deepCopy(),
                        path));
            } else if (replacing) {
                values.put(f, f.type() == dev.datafn.schema.FieldType.ID_LIST ? List.of() : null);
            }
        }
        for (FieldSchema f : resource.fields()) {
            if (f.role() == FieldRole.DATA && f.required() && values.get(f) == null
                    && !(replacing && kept(resource, f))) {
                throw new DataFnException(ErrorCode.VALIDATION_FAILED, "field '" + f.name() + "' is required",
                        JsonPaths.child(recordPath, f.name()));
            }
        }
    }

    /** Whether a replace leaves the field as stored: clients may not write it, or this caller may not. */
    private boolean kept(ResourceSchema resource, FieldSchema f) {
        return f.readOnly() || !access.mayWrite(resource, f);
    }

    private void checkConstraints(ResourceSchema resource, FieldSchema f, Object value, String path) {
        if (value == null) {
            if (f.required()) {
                throw new DataFnException(ErrorCode.VALIDATION_FAILED,
                        "field '" + f.name() + "' is required and cannot be null", path);
            }
            return;
        }
        int idLength = Math.min(limits.maxIdLength(), SchemaNames.KEY_LENGTH);
        if (value instanceof List<?> ids) {
            for (int i = 0; i < ids.size(); i++) {
                Ids.validate((String) ids.get(i), idLength, JsonPaths.index(path, i));
            }
        }
        if (value instanceof String s && holdsReference(resource, f)) {
            Ids.validate(s, idLength, path);
        }
        if (value instanceof JsonNode json && json.toString().length() > SchemaNames.UNBOUNDED_STRING_LENGTH) {
            // The JSON text must fit its column; past it the database would refuse the row as a failure.
            throw new DataFnException(ErrorCode.VALIDATION_FAILED, "field '" + f.name() + "' is longer than "
                    + SchemaNames.UNBOUNDED_STRING_LENGTH + " characters as JSON text", path);
        }
        if (value instanceof String s && s.length() > SchemaNames.UNBOUNDED_STRING_LENGTH) {
            throw new DataFnException(ErrorCode.VALIDATION_FAILED, "field '" + f.name() + "' is longer than "
                    + SchemaNames.UNBOUNDED_STRING_LENGTH + " characters", path);
        }
        if (value instanceof String s) {
            // Counted in UTF-16 units, as H2 sizes its columns; PostgreSQL's character count is never larger.
            if (f.maxLength() != null && s.length() > f.maxLength()) {
                throw new DataFnException(ErrorCode.VALIDATION_FAILED, "field '" + f.name() + "' is longer than "
                        + f.maxLength() + " characters", path);
            }
            if (f.pattern() != null && !patterns.computeIfAbsent(f.pattern(), Pattern::compile).matcher(s).matches()) {
                throw new DataFnException(ErrorCode.VALIDATION_FAILED, "field '" + f.name()
                        + "' does not match the pattern " + f.pattern(), path);
            }
        }
        if (value instanceof Number n) {
            BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            if (f.min() != null && d.compareTo(BigDecimal.valueOf(f.min())) < 0) {
                throw new DataFnException(ErrorCode.VALIDATION_FAILED, "field '" + f.name() + "' must be at least "
                        + format(f.min()), path);
            }
            if (f.max() != null && d.compareTo(BigDecimal.valueOf(f.max())) > 0) {
                throw new DataFnException(ErrorCode.VALIDATION_FAILED, "field '" + f.name() + "' must be at most "
                        + format(f.max()), path);
            }
        }
    }

    /** Whether the field holds a many-one target's id, which must look like an id. */
    private static boolean holdsReference(ResourceSchema resource, FieldSchema field) {
        for (RelationSchema r : resource.relations()) {
            if (r.kind() == RelationKind.MANY_ONE && r.field().equals(field.name())) {
                return true;
            }
        }
        return false;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? String.valueOf((long) bound) : String.valueOf(bound);
    }

    private static Map<FieldSchema, Object> orderBySchema(ResourceSchema resource, Map<FieldSchema, Object> values) {
        Map<FieldSchema, Object> ordered = new LinkedHashMap<>();
        for (FieldSchema f : resource.fields()) {
            if (values.containsKey(f)) {
                ordered.put(f, values.get(f));
            }
        }
        return ordered;
    }

    /** The hash covers what the mutation asks for, not the key that names it. */
    private static String hash(Mutation m, ResourceSchema resource, String id) {
        StringBuilder canonical = new StringBuilder()
                .append(resource.name()).append('\n')
                .append(m.operation().wireName()).append('\n')
                .append(m.id() == null ? "" : id).append('\n')
                .append(m.record() == null ? "" : CanonicalJson.write(m.record())).append('\n')
                .append(m.guard() == null ? "" : CanonicalJson.write(m.guard())).append('\n')
                .append(m.relation() == null ? "" : m.relation()).append('\n')
                .append(m.targetId() == null ? "" : m.targetId()).append('\n')
                .append(m.metadata() == null ? "" : CanonicalJson.write(m.metadata()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
