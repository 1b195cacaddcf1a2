package dev.datafn.example.todo;

import dev.datafn.db.Database;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The keys of the example's resource tables, read from the database's catalog and changed by hand, on H2 and
 * PostgreSQL: releases before {@code V4__keys_lead_with_namespace.sql} keyed them {@code (id, namespace)}, and
 * Hibernate's update, which made those keys, never changes a key.
 */
final class TableKeys {

    /** The example's tables keyed by a record id, DataFn's own key-value table among them. */
    static final List<String> RESOURCE_TABLES = List.of("projects", "tags", "todos", "datafn_kv");

    /** The key of releases before V4. */
    static final List<String> ID_FIRST = List.of("id", "namespace");

    /** The key of today's records. */
    static final List<String> NAMESPACE_FIRST = List.of("namespace", "id");

    /** The foreign key from the links of todos' tags to todos, under the name Hibernate gives it. */
    private static final String LINK_TO_TODOS = "fkj9ong3vjyirgas7hns3ronws0";

    private TableKeys() {
    }

    /**
     * Keys every resource table by the given columns, as the README tells an operator to on a database that
     * Hibernate's update manages: the link table's foreign key to todos is dropped first and made again in the
     * key's order, since it names the key's columns in that order.
     *
     * @param database the example's database, H2 or PostgreSQL
     * @param key      {@link #ID_FIRST} or {@link #NAMESPACE_FIRST}
     * @throws SQLException when a statement fails
     */
    static void rekey(Database database, List<String> key) throws SQLException {
        String columns = String.join(", ", key);
        String linkColumns = String.join(", ", key.stream().map(c -> c.equals("id") ? "todos_id" : c).toList());
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("alter table todos_tags drop constraint " + LINK_TO_TODOS);
            for (String table : RESOURCE_TABLES) {
                // H2 names a key CONSTRAINT_<n>; PostgreSQL names it <table>_pkey, and has no "drop primary key".
                s.execute("alter table " + table
                        + (database.isPostgres() ? " drop constraint " + table + "_pkey" : " drop primary key"));
                s.execute("alter table " + table + " add primary key (" + columns + ")");
            }
            s.execute("alter table todos_tags add constraint " + LINK_TO_TODOS + " foreign key (" + linkColumns
                    + ") references todos");
        }
    }

    /**
     * @param database the database
     * @param table    a table, e.g. {@code todos}
     * @return the columns of its primary key, in the key's order, lower case
     * @throws SQLException when the catalog cannot be read
     */
    static List<String> primaryKey(Database database, String table) throws SQLException {
        Map<Integer, String> columns = new TreeMap<>();
        try (Connection c = connect(database);
             ResultSet rows = c.getMetaData().getPrimaryKeys(null, c.getSchema(), name(c.getMetaData(), table))) {
            while (rows.next()) {
                columns.put(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(columns.values());
    }

    /**
     * @param database the database
     * @param table    a table, e.g. {@code todos_tags}
     * @return each foreign key of the table as {@code (columns) -> target (columns)}, lower case, e.g.
     *         {@code (namespace, todos_id) -> todos (namespace, id)}
     * @throws SQLException when the catalog cannot be read
     */
    static List<String> foreignKeys(Database database, String table) throws SQLException {
        Map<String, Map<Integer, String[]>> keys = new TreeMap<>();
        try (Connection c = connect(database);
             ResultSet rows = c.getMetaData().getImportedKeys(null, c.getSchema(), name(c.getMetaData(), table))) {
            while (rows.next()) {
                keys.computeIfAbsent(rows.getString("FK_NAME"), k -> new TreeMap<>()).put(rows.getInt("KEY_SEQ"),
                        new String[] {rows.getString("FKCOLUMN_NAME"), rows.getString("PKTABLE_NAME"),
                                rows.getString("PKCOLUMN_NAME")});
            }
        }
        List<String> described = new ArrayList<>();
        for (Map<Integer, String[]> key : keys.values()) {
            List<String> from = key.values().stream().map(k -> k[0]).toList();
            List<String> to = key.values().stream().map(k -> k[2]).toList();
            String target = key.values().iterator().next()[1];
            described.add(("(" + String.join(", ", from) + ") -> " + target + " (" + String.join(", ", to) + ")")
                    .toLowerCase(Locale.ROOT));
        }
        return described;
    }

    /** @return the table's name as the catalog stores it: H2 folds unquoted names to upper case */
    private static String name(DatabaseMetaData metaData, String table) throws SQLException {
        return metaData.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
    }

    private static Connection connect(Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }
}
