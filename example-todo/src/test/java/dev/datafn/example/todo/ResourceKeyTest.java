package dev.datafn.example.todo;

import static dev.datafn.example.todo.AbstractEngineTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.DataFnMigrations;
import dev.datafn.db.Database;
import dev.datafn.db.SchemaManagement;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabase;
import dev.datafn.testing.TestDatabases;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;

/**
 * Resource tables are keyed {@code (namespace, id)}, so the key's index serves reads, all scoped to one
 * namespace, and pages in id order; the link table's foreign key to todos follows the key's order. So are the
 * tables the engine makes and those the example's scripts make. A database an older release keyed
 * {@code (id, namespace)} keeps that key under Hibernate's update, which never changes a key, and still serves;
 * re-keyed by hand, as the README says, it serves under update too. Each test starts from an empty database: a
 * fresh in-memory H2 database, or a fresh PostgreSQL schema of the test database, dropped afterwards.
 */
@OnEveryDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceKeyTest {

    /** The link table's foreign key once todos are keyed by namespace, then id. */
    private static final String LINK_TO_TODOS = "(namespace, todos_id) -> todos (namespace, id)";

    /** The database of this run. */
    @Parameter(0)
    private TestDatabase testDatabase;

    /** The PostgreSQL schemas this test created, dropped after it. */
    private ScratchSchemas schemas;

    @Test
    void tablesTheEngineMakesAreKeyedByNamespaceThenId() throws SQLException {
        Database database = emptyDatabase().withSchemaManagement(SchemaManagement.UPDATE);
        engine(database).close();

        assertKeyedByNamespaceThenId(database);
    }

    @Test
    void tablesTheScriptsMakeAreKeyedByNamespaceThenId() throws SQLException {
        Database database = emptyDatabase();
        Assumptions.assumeTrue(database.isPostgres(),
                "the example's scripts are PostgreSQL SQL; the embedded H2 database creates its own tables");

        DataFnMigrations.migrate(database);

        assertKeyedByNamespaceThenId(database);
    }

    @Test
    void tablesKeyedIdFirstKeepTheirKeyUnderUpdateAndServeBeforeAndAfterReKeyingByHand() throws SQLException {
        Database database = emptyDatabase().withSchemaManagement(SchemaManagement.UPDATE);
        Namespace ns = TestDatabases.uniqueNamespace("keys");
        try (DataFn made = engine(database)) {
            insertTodoWithTag(made, ns, "td_1", "tg_1");
        }
        TableKeys.rekey(database, TableKeys.ID_FIRST);

        try (DataFn older = engine(database)) {
            insertTodoWithTag(older, ns, "td_2", "tg_2");
            assertThat(todosWithTags(older, ns)).containsExactly("td_1 [tg_1]", "td_2 [tg_2]");
        }
        for (String table : TableKeys.RESOURCE_TABLES) {
            assertThat(TableKeys.primaryKey(database, table)).as("Hibernate's update left the key of " + table)
                    .isEqualTo(TableKeys.ID_FIRST);
        }
        assertThat(TableKeys.foreignKeys(database, "todos_tags"))
                .containsExactly("(todos_id, namespace) -> todos (id, namespace)");

        TableKeys.rekey(database, TableKeys.NAMESPACE_FIRST);
        try (DataFn rekeyed = engine(database)) {
            insertTodoWithTag(rekeyed, ns, "td_3", "tg_3");
            assertThat(todosWithTags(rekeyed, ns)).containsExactly("td_1 [tg_1]", "td_2 [tg_2]", "td_3 [tg_3]");
        }
        assertKeyedByNamespaceThenId(database);
    }

    private static void assertKeyedByNamespaceThenId(Database database) throws SQLException {
        for (String table : TableKeys.RESOURCE_TABLES) {
            assertThat(TableKeys.primaryKey(database, table)).as(table).isEqualTo(TableKeys.NAMESPACE_FIRST);
        }
        assertThat(TableKeys.foreignKeys(database, "todos_tags")).as("one foreign key, in the key's order")
                .containsExactly(LINK_TO_TODOS);
    }

    private static void insertTodoWithTag(DataFn datafn, Namespace ns, String todo, String tag) {
        datafn.mutate(ns, null, json("{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", "
                + "\"record\": {\"id\": \"%s\", \"name\": \"%s\"}}".formatted(tag, tag)));
        datafn.mutate(ns, null, json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                + "\"record\": {\"id\": \"%s\", \"title\": \"%s\", \"tags\": [\"%s\"]}}".formatted(todo, todo, tag)));
    }

    /** @return each todo of the namespace as {@code id [tag ids]}, in id order */
    private static List<String> todosWithTags(DataFn datafn, Namespace ns) {
        return datafn.query(ns, json("{\"resource\": \"todos\", \"version\": 1, \"select\": [\"id\", \"tags\"]}"))
                .data().stream()
                .map(row -> row.get("id").textValue() + " " + tagIds(row.get("tags")))
                .toList();
    }

    private static List<String> tagIds(JsonNode tags) {
        List<String> ids = new ArrayList<>();
        tags.forEach(tag -> ids.add(tag.textValue()));
        return ids;
    }

    @AfterEach
    void dropSchemas() {
        if (schemas != null) {
            schemas.close();
        }
    }

    /** @return an empty database: a fresh H2 database, or a fresh schema of the PostgreSQL test database */
    private Database emptyDatabase() {
        Database base = testDatabase.open();
        if (!base.isPostgres()) {
            return base;
        }
        if (schemas == null) {
            schemas = new ScratchSchemas(base);
        }
        return schemas.create("keys");
    }

    private static DataFn engine(Database database) {
        return DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).search(false).build();
    }
}
