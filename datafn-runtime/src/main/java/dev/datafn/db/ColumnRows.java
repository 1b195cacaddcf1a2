package dev.datafn.db;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.datafn.json.Json;
import dev.datafn.schema.FieldRole;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.RecordJsonWriter;
import dev.datafn.schema.RelationKind;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

/**
 * Reads the chosen fields of a table's rows as column values rather than entities, for answers that only
 * write rows out (a clone), and writes them as JSON with a {@link RecordJsonWriter}: nothing is managed by the
 * session, only the chosen columns are read, and no JSON tree is built per row. A whole table is read in
 * one pass by {@link #scan}; a page's many-many id lists by one query per relation over its ids
 * ({@link #withLinks}), by the link table's (namespace, owner) index. Loading each row's collection would
 * cost a query per row, or per batch of rows by a tuple list PostgreSQL cannot use an index for.
 *
 * <p>A row read by {@link #select} holds the id first, then the chosen fields that are columns (all but
 * the id and the id lists), in the order chosen; {@link #write} takes it with the chosen id lists after
 * them. The id is read even when it is not written: a page is read after the last id of the one before.
 */
public final class ColumnRows {

    private final ResourceSchema table;
    private final List<FieldSchema> columns;
    private final RecordJsonWriter writer;
    /** The link relation of each chosen id list, in order; {@code null} for a list without a link table. */
    private final List<RelationSchema> links;

    private ColumnRows(ResourceSchema table, List<FieldSchema> columns, RecordJsonWriter writer,
            List<RelationSchema> links) {
        this.table = table;
        this.columns = columns;
        this.writer = writer;
        this.links = links;
    }

    /**
     * @param table  the table
     * @param fields the fields to read and write, in the order to write them (e.g. those the caller may read)
     * @return how to read and write them
     */
    public static ColumnRows of(ResourceSchema table, List<FieldSchema> fields) {
        List<FieldSchema> columns = new ArrayList<>();
        List<FieldSchema> lists = new ArrayList<>();
        for (FieldSchema f : fields) {
            if (f.type() == FieldType.ID_LIST) {
                lists.add(f);
            } else if (f.role() != FieldRole.ID) {
                columns.add(f);
            }
        }
        // The row is the id, the columns, then the id lists; the writer takes the fields in the order asked.
        RecordJsonWriter.Builder writer = RecordJsonWriter.builder(table);
        for (FieldSchema f : fields) {
            int position = f.role() == FieldRole.ID ? 0
                    : f.type() == FieldType.ID_LIST ? 1 + columns.size() + lists.indexOf(f)
                    : 1 + columns.indexOf(f);
            writer.column(f, position);
        }
        List<RelationSchema> links = new ArrayList<>(lists.size());
        lists.forEach(f -> links.add(linkRelation(table, f)));
        return new ColumnRows(table, List.copyOf(columns), writer.build(), java.util.Collections.unmodifiableList(links));
    }

    /**
     * @param alias the alias of the table's entity in the query
     * @return {@code select <alias>.id, <alias>.<column>... from <entity> <alias>}: the id first, then the
     *     chosen columns; give its rows to {@link #withLinks} or read them with {@link #scan}
     */
    public String select(String alias) {
        StringBuilder hql = new StringBuilder("select ").append(alias).append(".id");
        for (FieldSchema f : columns) {
            hql.append(", ").append(alias).append('.').append(f.name());
        }
        return hql.append(" from ").append(table.entityClass().getName()).append(' ').append(alias).toString();
    }

    /**
     * Reads the rows of the table that meet a condition, in id order, in one pass: see {@link ColumnScan}.
     *
     * @param session   a session in the rows' namespace, in the transaction whose snapshot is read
     * @param where     an HQL condition on the rows, with the entity aliased {@code e} ({@code 1 = 1} for all)
     * @param bind      binds the condition's parameters on each query
     * @param fetchSize the rows the database sends at a time
     * @return the scan; close it
     */
    public ColumnScan scan(Session session, String where, Consumer<SelectionQuery<?>> bind, int fetchSize) {
        return ColumnScan.open(session, this, where, bind, fetchSize);
    }

    /**
     * @param alias the alias of the table's entity, as the condition names it
     * @param where an HQL condition on the rows
     * @return for each chosen id list, the query of the (owner, target) links of the rows meeting the
     *     condition, in owner then target order; {@code null} for a list without a link table
     */
    List<String> linkSelects(String alias, String where) {
        List<String> selects = new ArrayList<>(links.size());
        for (RelationSchema relation : links) {
            selects.add(relation == null ? null
                    : "select l.ownerId, l.targetId from " + relation.linkEntity().getName() + " l join "
                            + table.entityClass().getName() + " " + alias + " on " + alias + ".id = l.ownerId"
                            + " where " + where + " order by l.ownerId, l.targetId");
        }
        return selects;
    }

    /** @param row a row read by a query starting with {@link #select} @return its id */
    public static String id(Object[] row) {
        return (String) row[0];
    }

    /**
     * @param row a row as the query of {@link #select} gives it
     * @return the row as {@link #write} takes it: with a place for each chosen id list after its columns, or
     *     the row itself when there is none
     */
    Object[] prepared(Object[] row) {
        return links.isEmpty() ? row : Arrays.copyOf(row, 1 + columns.size() + links.size());
    }

    /** Puts the targets of the n-th chosen id list in a row made by {@link #prepared}. */
    void setLinks(Object[] row, int list, List<String> targets) {
        row[1 + columns.size() + list] = targets;
    }

    /**
     * Reads the id lists of a page of rows: one query per chosen many-many relation.
     *
     * @param session a session in the rows' namespace
     * @param page    rows read by a query starting with {@link #select}
     * @return the rows as {@link #write} takes them, each with its id lists (empty for an owner without links)
     */
    public List<Object[]> withLinks(Session session, List<Object[]> page) {
        List<String> ids = page.stream().map(ColumnRows::id).toList();
        List<Map<String, List<String>>> byList = new ArrayList<>(links.size());
        for (RelationSchema relation : links) {
            byList.add(relation == null || ids.isEmpty() ? Map.of() : targets(session, relation, ids));
        }
        List<Object[]> out = new ArrayList<>(page.size());
        for (Object[] row : page) {
            Object[] whole = prepared(row);
            for (int i = 0; i < byList.size(); i++) {
                setLinks(whole, i, byList.get(i).getOrDefault(id(row), List.of()));
            }
            out.add(whole);
        }
        return out;
    }

    /**
     * Writes one row as a JSON record of the chosen fields.
     *
     * @param out the generator, where a value may start
     * @param row a row of a {@link ColumnScan} or of {@link #withLinks}
     * @throws IOException when the generator cannot write
     */
    public void write(JsonGenerator out, Object[] row) throws IOException {
        writer.write(out, row);
    }

    /**
     * @param rows rows of a {@link ColumnScan} or of {@link #withLinks}
     * @return the rows as JSON records of the chosen fields, for an answer built in memory
     */
    public List<ObjectNode> toJson(List<Object[]> rows) {
        List<ObjectNode> out = new ArrayList<>(rows.size());
        // Written by the same writer as a stream, so a page and a stream never differ.
        try (TokenBuffer buffer = new TokenBuffer(Json.MAPPER, false)) {
            for (Object[] row : rows) {
                writer.write(buffer, row);
            }
            try (var records = buffer.asParser(Json.MAPPER)) {
                while (records.nextToken() != null) {
                    out.add(records.readValueAsTree());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** @return the many-many relation with a link entity that an id-list field holds, or {@code null} */
    private static RelationSchema linkRelation(ResourceSchema table, FieldSchema field) {
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
        AnswerBudget.charge(pairs);
        for (Object[] pair : pairs) {
            byOwner.computeIfAbsent((String) pair[0], k -> new ArrayList<>()).add((String) pair[1]);
        }
        return byOwner;
    }
}
