package dev.datafn.db.hibernate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.db.QueryResult;
import dev.datafn.json.Json;
import dev.datafn.schema.FieldRole;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.RecordJsonWriter;
import dev.datafn.schema.ResourceSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows of one resource read as column values, never as entities: a query selects the id and the columns it
 * needs, and each many-many id list is read for the whole page in one query by the link table's key. Nothing
 * is managed by the session, so nothing is hydrated, tracked or dirty-checked.
 */
final class TupleRows {

    /** Each selected column's position, by field name. */
    private final Map<String, Integer> positions;
    private final List<Object[]> rows;
    private final Map<String, Map<String, List<String>>> links;

    private TupleRows(Map<String, Integer> positions, List<Object[]> rows,
            Map<String, Map<String, List<String>>> links) {
        this.positions = positions;
        this.rows = rows;
        this.links = links;
    }

    /**
     * The columns a read selects: the id first, then every scalar field asked for, in schema order. Id lists
     * are not columns: {@link #read} loads them apart.
     *
     * @param resource the resource
     * @param needed   the fields the read needs (output, sort keys, relation keys)
     * @return the columns to select
     */
    static List<FieldSchema> columns(ResourceSchema resource, Collection<FieldSchema> needed) {
        Set<String> names = new java.util.HashSet<>();
        needed.forEach(f -> names.add(f.name()));
        List<FieldSchema> out = new ArrayList<>();
        for (FieldSchema f : resource.fields()) {
            if (f.role() == FieldRole.ID) {
                out.addFirst(f);
            } else if (f.type() != FieldType.ID_LIST && names.contains(f.name())) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    /**
     * @param columns the columns, from {@link #columns}
     * @param alias   the entity's alias in the query
     * @return {@code select <alias>.id, <alias>.<column>...}
     */
    static String select(List<FieldSchema> columns, String alias) {
        StringBuilder out = new StringBuilder("select ");
        for (int i = 0; i < columns.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(alias).append('.').append(columns.get(i).name());
        }
        return out.toString();
    }

    /**
     * @param rows    the rows a {@link #select} of these columns answered
     * @param columns the columns
     * @param idLists the id lists to load for the rows
     * @param loader  loads id lists
     * @return the rows with their id lists
     */
    static TupleRows read(List<Object[]> rows, List<FieldSchema> columns, Collection<FieldSchema> idLists,
            LinkLoader loader) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            positions.put(columns.get(i).name(), i);
        }
        Map<String, Map<String, List<String>>> links = new HashMap<>();
        if (!rows.isEmpty()) {
            List<String> ids = new ArrayList<>(rows.size());
            rows.forEach(r -> ids.add((String) r[0]));
            for (FieldSchema list : idLists) {
                links.put(list.name(), loader.targets(list, ids));
            }
        }
        return new TupleRows(positions, rows, links);
    }

    /** Loads the links of one id list for many owners. */
    @FunctionalInterface
    interface LinkLoader {
        /**
         * @param idList the id-list field
         * @param owners the owners' ids
         * @return each owner's linked ids, in id order; owners without links may be absent
         */
        Map<String, List<String>> targets(FieldSchema idList, List<String> owners);
    }

    /** @return the number of rows */
    int size() {
        return rows.size();
    }

    /** @param row a row's index @return its id */
    String id(int row) {
        return (String) rows.get(row)[0];
    }

    /**
     * @param row   a row's index
     * @param field a selected column, or a loaded id list
     * @return its value as {@code FieldValues} represents it (enum constants as names; id lists in id order)
     */
    Object value(int row, FieldSchema field) {
        if (field.type() == FieldType.ID_LIST) {
            Map<String, List<String>> byOwner = links.get(field.name());
            return byOwner == null ? List.of() : byOwner.getOrDefault(id(row), List.of());
        }
        Integer position = positions.get(field.name());
        if (position == null) {
            throw new IllegalStateException("field '" + field.name() + "' was not selected");
        }
        Object value = rows.get(row)[position];
        return value instanceof Enum<?> e ? e.name() : value;
    }

    /**
     * @param row    a row's index
     * @param fields the fields to write, selected or loaded
     * @return the row as a JSON record
     */
    ObjectNode toJson(int row, List<FieldSchema> fields) {
        ObjectNode out = Json.object();
        for (FieldSchema f : fields) {
            out.set(f.name(), dev.datafn.schema.FieldValues.toJson(f, value(row, f)));
        }
        return out;
    }

    /**
     * @param field a selected column holding ids (a many-one key), or an id list
     * @return the distinct ids the rows hold in it, in row order
     */
    Set<String> idsIn(FieldSchema field) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Object value = value(i, field);
            if (value instanceof String id) {
                out.add(id);
            } else if (value instanceof List<?> ids) {
                ids.forEach(id -> out.add((String) id));
            }
        }
        return out;
    }

    /**
     * A writer of these rows' records: the fields' positions among the selected columns, their id lists from
     * the loaded links.
     *
     * @param resource the rows' resource
     * @param columns  the selected columns, from {@link #columns}
     * @param fields   the fields each record carries, selected columns or loaded id lists
     * @return the writer
     */
    static RecordJsonWriter writer(ResourceSchema resource, List<FieldSchema> columns, List<FieldSchema> fields) {
        RecordJsonWriter.Builder builder = RecordJsonWriter.builder(resource);
        for (FieldSchema f : fields) {
            if (f.type() == FieldType.ID_LIST) {
                builder.idList(f);
            } else {
                int position = -1;
                for (int i = 0; i < columns.size() && position < 0; i++) {
                    position = columns.get(i).name().equals(f.name()) ? i : -1;
                }
                builder.column(f, position);
            }
        }
        return builder.build();
    }

    /**
     * The rows as a query answer's records, written straight from the column values.
     *
     * @param writer a writer from {@link #writer} for these rows' columns
     * @return the records
     */
    QueryResult.Records records(RecordJsonWriter writer) {
        List<FieldSchema> lists = writer.idListFields();
        RecordJsonWriter.IdLists idLists = (list, row) -> {
            Map<String, List<String>> byOwner = links.get(lists.get(list).name());
            return byOwner == null ? List.of() : byOwner.getOrDefault((String) row[0], List.of());
        };
        List<FieldSchema> fields = writer.fields();
        return new QueryResult.Records() {
            @Override
            public int size() {
                return rows.size();
            }

            @Override
            public void write(JsonGenerator out) throws IOException {
                for (Object[] row : rows) {
                    writer.write(out, row, idLists);
                }
            }

            @Override
            public List<ObjectNode> toJson() {
                List<ObjectNode> out = new ArrayList<>(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    out.add(TupleRows.this.toJson(i, fields));
                }
                return out;
            }
        };
    }
}
