package dev.datafn.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;

/**
 * Writes resources as DataFn schema JSON, the same shape as the generated {@code schema.json}: only set
 * options, in a fixed order.
 */
public final class SchemaJson {

    private SchemaJson() {
    }

    /** @param r a resource @return its schema JSON */
    public static ObjectNode resource(ResourceSchema r) {
        ObjectNode out = Json.object();
        out.put("name", r.name());
        out.put("version", r.version());
        out.put("idPrefix", r.idPrefix());
        ArrayNode fields = out.putArray("fields");
        for (FieldSchema f : r.fields()) {
            fields.add(field(f));
        }
        ArrayNode relations = out.putArray("relations");
        for (RelationSchema rel : r.relations()) {
            ObjectNode n = relations.addObject();
            n.put("name", rel.name());
            n.put("to", rel.target());
            n.put("type", rel.kind().wireName());
            n.put("field", rel.field());
            if (rel.inverse() != null) {
                n.put("inverse", rel.inverse());
            }
        }
        ArrayNode indexes = out.putArray("indexes");
        for (IndexSchema index : r.indexes()) {
            ObjectNode n = indexes.addObject();
            n.put("name", index.name());
            ArrayNode names = n.putArray("fields");
            index.fields().forEach(names::add);
        }
        return out;
    }

    private static ObjectNode field(FieldSchema f) {
        ObjectNode n = Json.object();
        n.put("name", f.name());
        n.put("type", f.type().wireName());
        if (f.type() == FieldType.ENUM) {
            ArrayNode values = n.putArray("values");
            f.enumValues().forEach(values::add);
        }
        if (f.required()) {
            n.put("required", true);
        }
        if (f.unique()) {
            n.put("unique", true);
        }
        if (f.defaultValue() != null) {
            n.set("default", DefaultValues.parse(f));
        }
        if (f.maxLength() != null) {
            n.put("maxLength", f.maxLength());
        }
        if (f.min() != null) {
            n.put("min", f.min());
        }
        if (f.max() != null) {
            n.put("max", f.max());
        }
        if (f.pattern() != null) {
            n.put("pattern", f.pattern());
        }
        if (f.searchable()) {
            n.put("searchable", true);
        }
        if (f.readOnly() || f.role().serverOwned()) {
            n.put("readOnly", true);
        }
        return n;
    }
}
