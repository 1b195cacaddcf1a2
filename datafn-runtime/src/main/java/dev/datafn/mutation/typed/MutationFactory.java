package dev.datafn.mutation.typed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import dev.datafn.query.typed.RelationHandle;
import dev.datafn.schema.RelationKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the typed mutations of one resource. A generated {@code <Record>Mutations} holds one, made from
 * the resource's name, version and server-owned fields, and forwards each factory method to it.
 *
 * <p>Records go on the wire as the runtime's JSON mapping writes them (and reads them back in answers):
 * null components are left out, so the schema's defaults apply, and server-owned fields
 * ({@code @CreatedAt}, {@code @UpdatedAt}) are left out, because the server sets them whatever a client
 * sends.
 *
 * @param <R> the record type of the resource
 */
public final class MutationFactory<R> {

    /**
     * The runtime's mapping, keeping a decimal's scale as the record holds it ({@code 19.990}), as field
     * handles do for {@code set}; the shared mapper drops trailing zeros when it builds a tree.
     */
    private static final ObjectMapper RECORDS = Json.MAPPER.copy()
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private final String resource;
    private final int version;
    private final List<String> serverOwned;

    /**
     * @param resource    the resource name
     * @param version     the schema version mutations carry
     * @param serverOwned the fields the server sets, left out of every record sent
     */
    public MutationFactory(String resource, int version, List<String> serverOwned) {
        this.resource = Objects.requireNonNull(resource, "resource");
        this.version = version;
        this.serverOwned = List.copyOf(serverOwned);
    }

    /** @return the resource name */
    public String resource() {
        return resource;
    }

    /** @return the schema version mutations carry */
    public int version() {
        return version;
    }

    /**
     * @param record the record; a null id lets the server generate one
     * @return {@code {"operation": "insert", "record": {...}}}
     */
    public InsertMutation<R> insert(R record) {
        return new InsertMutation<>(header("insert", null), recordJson(record));
    }

    /**
     * @param record the whole new record, with its id; null components take their default, or null
     * @return {@code {"operation": "replace", "id": ..., "record": {...}}}
     * @throws IllegalArgumentException when the record has no id
     */
    public ReplaceMutation<R> replace(R record) {
        return whole("replace", record);
    }

    /**
     * @param record the whole record, with its id: it replaces the stored one, or is inserted
     * @return {@code {"operation": "upsert", "id": ..., "record": {...}}}
     * @throws IllegalArgumentException when the record has no id
     */
    public ReplaceMutation<R> upsert(R record) {
        return whole("upsert", record);
    }

    /**
     * @param id the record id
     * @return a merge changing nothing yet; add changes with {@code set} and {@code clear}
     */
    public MergeMutation<R> merge(String id) {
        return new MergeMutation<>(header("merge", requireId(id)), Map.of(), null);
    }

    /** @param id the record id @return {@code {"operation": "delete", "id": ...}} */
    public DeleteMutation<R> delete(String id) {
        return new DeleteMutation<>(header("delete", requireId(id)), null);
    }

    /**
     * @param id       the record id
     * @param relation a relation of this resource, e.g. {@code TodoFields.TAGS}
     * @param targetId the id of the record to link to
     * @return {@code {"operation": "relate", "id": ..., "relation": ..., "targetId": ...}}
     */
    public RelationMutation<R> relate(String id, RelationHandle<R, ?> relation, String targetId) {
        return link("relate", id, relation, targetId, null);
    }

    /**
     * @param id       the record id
     * @param relation a many-many relation of this resource, e.g. {@code TodoFields.TAGS}
     * @param targetId the id of the record to link to
     * @param metadata the link's metadata, a JSON object
     * @return {@code {"operation": "relate", ..., "metadata": {...}}}
     * @throws IllegalArgumentException when the relation is not many-many: only its links carry metadata
     */
    public RelationMutation<R> relate(String id, RelationHandle<R, ?> relation, String targetId, ObjectNode metadata) {
        return link("relate", id, relation, targetId, requireMetadata(relation, metadata));
    }

    /**
     * @param id       the record id
     * @param relation a relation of this resource
     * @param targetId the id of the linked record
     * @return {@code {"operation": "unrelate", "id": ..., "relation": ..., "targetId": ...}}
     */
    public RelationMutation<R> unrelate(String id, RelationHandle<R, ?> relation, String targetId) {
        return link("unrelate", id, relation, targetId, null);
    }

    /**
     * @param id       the record id
     * @param relation a many-many relation of this resource
     * @param targetId the id of the linked record
     * @param metadata the link's new metadata, a JSON object replacing the old
     * @return {@code {"operation": "modifyRelation", ..., "metadata": {...}}}
     * @throws IllegalArgumentException when the relation is not many-many: only its links carry metadata
     */
    public RelationMutation<R> modifyRelation(String id, RelationHandle<R, ?> relation, String targetId,
            ObjectNode metadata) {
        return link("modifyRelation", id, relation, targetId, requireMetadata(relation, metadata));
    }

    private ReplaceMutation<R> whole(String operation, R record) {
        ObjectNode values = recordJson(record);
        JsonNode id = values.get("id");
        if (id == null || !id.isTextual()) {
            throw new IllegalArgumentException("a " + operation + " names its record by id; this "
                    + resource + " record has none");
        }
        return new ReplaceMutation<>(header(operation, id.textValue()), values, null);
    }

    private RelationMutation<R> link(String operation, String id, RelationHandle<R, ?> relation, String targetId,
            ObjectNode metadata) {
        Objects.requireNonNull(relation, "relation");
        return new RelationMutation<>(header(operation, requireId(id)), relation.name(),
                Objects.requireNonNull(targetId, "targetId"), metadata, null);
    }

    private static ObjectNode requireMetadata(RelationHandle<?, ?> relation, ObjectNode metadata) {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(metadata, "metadata");
        if (relation.kind() != RelationKind.MANY_MANY) {
            throw new IllegalArgumentException("only many-many links carry metadata; relation '" + relation.name()
                    + "' is " + relation.kind().wireName());
        }
        return metadata;
    }

    private static String requireId(String id) {
        return Objects.requireNonNull(id, "id");
    }

    private ResourceMutation.Header header(String operation, String id) {
        return new ResourceMutation.Header(resource, version, operation, null, null, id);
    }

    /** The record as the wire carries it: no nulls, no server-owned fields. */
    private ObjectNode recordJson(R record) {
        ObjectNode values = RECORDS.valueToTree(Objects.requireNonNull(record, "record"));
        List<String> leftOut = new ArrayList<>(serverOwned);
        values.properties().forEach(member -> {
            if (member.getValue().isNull()) {
                leftOut.add(member.getKey());
            }
        });
        values.remove(leftOut);
        return values;
    }
}
