package dev.datafn.db;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import dev.datafn.schema.FieldRole;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.FieldValues;
import dev.datafn.schema.RelationKind;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * Reads a table's rows as column values rather than entities, for answers that only write rows out
 * (a clone): nothing is managed by the session, and the many-many id lists of a whole chunk are read in
 * one query per relation, by the link table's (namespace, owner) index. Loading each row's collection
 * would cost a query per row, or per batch of rows by a tuple list PostgreSQL cannot use an index for.
 */
public final class ColumnRows {

    private ColumnRows() {
    }

    /**
     * @param table the table
     * @param alias the alias of its entity in the query
     * @return {@code select <alias>.id, <alias>.<column>... from <entity> <alias>}: the id first, then
     *     {@link #columns}, for {@link #toJson} to read
     */
    public static String select(ResourceSchema table, String alias) {
        StringBuilder hql = new StringBuilder("select ").append(alias).append(".id");
        for (FieldSchema f : columns(table)) {
            hql.append(", ").append(alias).append('.').append(f.name());
        }
        return hql.append(" from ").append(table.entityClass().getName()).append(' ').append(alias).toString();
    }

    /** @return the fields read as columns: all but the id and the many-many lists, in schema order */
    private static List<FieldSchema> columns(ResourceSchema table) {
        return table.fields().stream()
                .filter(f -> f.role() != FieldRole.ID && f.type() != FieldType.ID_LIST)
                .toList();
    }

    /**
     * @param session a session in the rows' namespace
     * @param table   the table
     * @param chunk   rows read by a query starting with {@link #select}
     * @return the rows as JSON records, many-many id lists included
     */
    public static List<ObjectNode> toJson(Session session, ResourceSchema table, List<Object[]> chunk) {
        Map<FieldSchema, Map<String, List<String>>> links = new HashMap<>();
        List<String> ids = chunk.stream().map(ColumnRows::id).toList();
        for (FieldSchema f : table.fields()) {
            RelationSchema relation = linkRelation(table, f);
            if (relation != null && !ids.isEmpty()) {
                links.put(f, targets(session, relation, ids));
            }
        }
        List<ObjectNode> out = new ArrayList<>(chunk.size());
        for (Object[] row : chunk) {
            ObjectNode record = Json.object();
            int column = 1;
            for (FieldSchema f : table.fields()) {
                Object value;
                if (f.role() == FieldRole.ID) {
                    value = row[0];
                } else if (f.type() == FieldType.ID_LIST) {
                    value = links.containsKey(f) ? links.get(f).getOrDefault(id(row), List.of()) : List.of();
                } else {
                    value = row[column++];
                }
                record.set(f.name(), FieldValues.toJson(f, value instanceof Enum<?> e ? e.name() : value));
            }
            out.add(record);
        }
        return out;
    }

    /** @param row a row read by a query starting with {@link #select} @return its id */
    public static String id(Object[] row) {
        return (String) row[0];
    }

    /** @return the many-many relation with a link entity that an id-list field holds, or {@code null} */
    private static RelationSchema linkRelation(ResourceSchema table, FieldSchema field) {
        if (field.type() != FieldType.ID_LIST) {
            return null;
        }
        for (RelationSchema r : table.relations()) {
            if (r.kind() == RelationKind.MANY_MANY && r.field().equals(field.name()) && r.linkEntity() != null) {
                return r;
            }
        }
        return null;
    }

    /** @return each owner's target ids, in id order */
    private static Map<String, List<String>> targets(Session session, RelationSchema relation, List<String> owners) {
        Map<String, List<String>> byOwner = new HashMap<>();
        List<Object[]> pairs = session.createSelectionQuery("select l.ownerId, l.targetId from "
                + relation.linkEntity().getName() + " l where l.ownerId in :owners order by l.ownerId, l.targetId",
                Object[].class)
                .setParameter("owners", owners)
                .getResultList();
        for (Object[] pair : pairs) {
            byOwner.computeIfAbsent((String) pair[0], k -> new ArrayList<>()).add((String) pair[1]);
        }
        return byOwner;
    }
}
