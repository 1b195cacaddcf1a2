package dev.datafn.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables of one PostgreSQL schema as PostgreSQL's catalog describes them: each table's columns (type with its
 * length or precision, nullability), constraints (primary key, unique, foreign key, check) and other indexes.
 * Names of constraints and indexes are left out, since PostgreSQL and Hibernate choose them and two schemas
 * made the same way may still name them differently; what they hold is compared. Two shapes compare equal when
 * the same statements would run the same way on both, which is what adopting a database as a given migration
 * needs to know.
 *
 * @param tables each table by name; Flyway's {@value SchemaHistory#TABLE} is not one of them
 */
public record SchemaShape(SortedMap<String, Table> tables) {

    /**
     * One table.
     *
     * @param columns     each column by name
     * @param constraints each constraint as PostgreSQL writes it, e.g. {@code PRIMARY KEY (namespace, id)}
     * @param indexes     each index that backs no constraint, by method and columns, e.g.
     *                    {@code btree (namespace, project_id)} ({@code unique } in front when it is unique)
     */
    public record Table(SortedMap<String, Column> columns, SortedSet<String> constraints, SortedSet<String> indexes) {

        /** Copies the collections, so a table never changes. */
        public Table {
            columns = Collections.unmodifiableSortedMap(new TreeMap<>(columns));
            constraints = Collections.unmodifiableSortedSet(new TreeSet<>(constraints));
            indexes = Collections.unmodifiableSortedSet(new TreeSet<>(indexes));
        }
    }

    /**
     * One column.
     *
     * @param type    the type as PostgreSQL writes it, e.g. {@code character varying(200)} or
     *                {@code timestamp(6) with time zone}
     * @param notNull whether it refuses null
     */
    public record Column(String type, boolean notNull) {
    }

    /** Copies the map, so a shape never changes. */
    public SchemaShape {
        tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
    }

    /** Tables of the current schema, their columns and types. */
    private static final String COLUMNS = """
            select c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname <> '%s'
            """.formatted(SchemaHistory.TABLE);

    /**
     * Constraints of the current schema's tables; a foreign key names its target table without the schema, as
     * long as the schema is the connection's first on its search path.
     */
    private static final String CONSTRAINTS = """
            select c.relname, pg_get_constraintdef(k.oid)
            from pg_constraint k
            join pg_class c on c.oid = k.conrelid
            join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = current_schema() and k.contype in ('p', 'u', 'f', 'c')
            """;

    /** Indexes of the current schema's tables that back no constraint (those are compared as constraints). */
    private static final String INDEXES = """
            select t.relname, x.indisunique, substring(pg_get_indexdef(x.indexrelid) from ' USING (.*)$')
            from pg_index x
            join pg_class t on t.oid = x.indrelid
            join pg_namespace n on n.oid = t.relnamespace
            where n.nspname = current_schema() and t.relname <> '%s'
              and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)
            """.formatted(SchemaHistory.TABLE);

    /**
     * Reads the tables of the connection's current schema ({@code current_schema()}).
     *
     * @param connection a connection to PostgreSQL
     * @return the schema's tables
     * @throws SQLException when the catalog cannot be read
     */
    public static SchemaShape read(Connection connection) throws SQLException {
        Map<String, SortedMap<String, Column>> columns = new TreeMap<>();
        Map<String, SortedSet<String>> constraints = new TreeMap<>();
        Map<String, SortedSet<String>> indexes = new TreeMap<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet rows = s.executeQuery(COLUMNS)) {
                while (rows.next()) {
                    SortedMap<String, Column> table = columns.computeIfAbsent(rows.getString(1), t -> new TreeMap<>());
                    if (rows.getString(2) != null) {
                        table.put(rows.getString(2), new Column(rows.getString(3), rows.getBoolean(4)));
                    }
                }
            }
            try (ResultSet rows = s.executeQuery(CONSTRAINTS)) {
                while (rows.next()) {
                    constraints.computeIfAbsent(rows.getString(1), t -> new TreeSet<>()).add(rows.getString(2));
                }
            }
            try (ResultSet rows = s.executeQuery(INDEXES)) {
                while (rows.next()) {
                    indexes.computeIfAbsent(rows.getString(1), t -> new TreeSet<>())
                            .add((rows.getBoolean(2) ? "unique " : "") + rows.getString(3));
                }
            }
        }
        SortedMap<String, Table> tables = new TreeMap<>();
        columns.forEach((name, cols) -> tables.put(name, new Table(cols,
                constraints.getOrDefault(name, new TreeSet<>()), indexes.getOrDefault(name, new TreeSet<>()))));
        return new SchemaShape(tables);
    }

    /**
     * Says how these tables differ from the expected ones, in table order, each difference once: a table that
     * is missing or extra is named alone, not with each of its columns.
     *
     * @param expected the tables these should be
     * @return the differences, e.g. {@code missing column [notes] in table [todos]}; empty when there are none
     */
    public List<String> differencesFrom(SchemaShape expected) {
        List<String> differences = new ArrayList<>();
        Set<String> names = new TreeSet<>(expected.tables.keySet());
        names.addAll(tables.keySet());
        for (String name : names) {
            Table want = expected.tables.get(name);
            Table have = tables.get(name);
            if (have == null) {
                differences.add("missing table [" + name + "]");
            } else if (want == null) {
                differences.add("extra table [" + name + "]");
            } else {
                compareColumns(name, have.columns(), want.columns(), differences);
                compareItems("constraint", name, have.constraints(), want.constraints(), differences);
                compareItems("index", name, have.indexes(), want.indexes(), differences);
            }
        }
        return differences;
    }

    private static void compareColumns(String table, SortedMap<String, Column> have, SortedMap<String, Column> want,
            List<String> differences) {
        Set<String> names = new TreeSet<>(want.keySet());
        names.addAll(have.keySet());
        for (String name : names) {
            Column expected = want.get(name);
            Column actual = have.get(name);
            String where = " [" + name + "] in table [" + table + "]";
            if (actual == null) {
                differences.add("missing column" + where);
            } else if (expected == null) {
                differences.add("extra column" + where);
            } else {
                if (!actual.type().equals(expected.type())) {
                    differences.add("wrong column type in column" + where + ": found [" + actual.type()
                            + "], but expecting [" + expected.type() + "]");
                }
                if (actual.notNull() != expected.notNull()) {
                    differences.add("column" + where + (actual.notNull() ? " is not null" : " allows null")
                            + ", but expecting" + (expected.notNull() ? " not null" : " it to allow null"));
                }
            }
        }
    }

    private static void compareItems(String kind, String table, Set<String> have, Set<String> want,
            List<String> differences) {
        want.stream().filter(item -> !have.contains(item))
                .forEach(item -> differences.add("missing " + kind + " [" + item + "] in table [" + table + "]"));
        have.stream().filter(item -> !want.contains(item))
                .forEach(item -> differences.add("extra " + kind + " [" + item + "] in table [" + table + "]"));
    }
}
