package dev.datafn.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * How two schemas' tables are said to differ, without a database: each difference once, in table order, a
 * missing or extra table named alone. Reading the shapes from PostgreSQL is proven where baselines run
 * ({@code BaselineTest}, {@code SchemaMigrationTest} in the example).
 */
class SchemaShapeTest {

    private static final SchemaShape.Column ID = new SchemaShape.Column("character varying(255)", true);

    private static final SchemaShape.Table TODOS = table(Map.of("id", ID,
            "title", new SchemaShape.Column("character varying(200)", true),
            "notes", new SchemaShape.Column("character varying(1000000)", false)),
            Set.of("PRIMARY KEY (id, namespace)"), Set.of("btree (namespace, project_id)"));

    private static final SchemaShape.Table TAGS = table(Map.of("id", ID), Set.of("PRIMARY KEY (id, namespace)"),
            Set.of());

    @Test
    void equalShapesHaveNoDifferences() {
        SchemaShape shape = shape(Map.of("todos", TODOS, "tags", TAGS));

        assertThat(shape.differencesFrom(shape(Map.of("tags", TAGS, "todos", TODOS)))).isEmpty();
    }

    @Test
    void aMissingOrExtraTableIsNamedAloneNotColumnByColumn() {
        SchemaShape expected = shape(Map.of("todos", TODOS, "tags", TAGS));
        SchemaShape actual = shape(Map.of("todos", TODOS, "audit", TAGS));

        assertThat(actual.differencesFrom(expected)).containsExactly("extra table [audit]", "missing table [tags]");
    }

    @Test
    void columnsConstraintsAndIndexesAreComparedByWhatTheyHold() {
        SchemaShape expected = shape(Map.of("todos", TODOS));
        SchemaShape actual = shape(Map.of("todos", table(Map.of("id", ID,
                "title", new SchemaShape.Column("character varying(100)", false),
                "estimate", new SchemaShape.Column("integer", false)),
                Set.of("PRIMARY KEY (id)"), Set.of("btree (namespace, project_id)"))));

        assertThat(actual.differencesFrom(expected)).containsExactly(
                "extra column [estimate] in table [todos]",
                "missing column [notes] in table [todos]",
                "wrong column type in column [title] in table [todos]: found [character varying(100)], but expecting "
                        + "[character varying(200)]",
                "column [title] in table [todos] allows null, but expecting not null",
                "missing constraint [PRIMARY KEY (id, namespace)] in table [todos]",
                "extra constraint [PRIMARY KEY (id)] in table [todos]");
    }

    @Test
    void anIndexOnlyTheDatabaseHasIsExtra() {
        SchemaShape expected = shape(Map.of("tags", TAGS));
        SchemaShape actual = shape(Map.of("tags", table(Map.of("id", ID), Set.of("PRIMARY KEY (id, namespace)"),
                Set.of("unique btree (id)"))));

        assertThat(actual.differencesFrom(expected)).containsExactly("extra index [unique btree (id)] in table [tags]");
    }

    private static SchemaShape.Table table(Map<String, SchemaShape.Column> columns, Set<String> constraints,
            Set<String> indexes) {
        return new SchemaShape.Table(new TreeMap<>(columns), new TreeSet<>(constraints), new TreeSet<>(indexes));
    }

    private static SchemaShape shape(Map<String, SchemaShape.Table> tables) {
        return new SchemaShape(new TreeMap<>(tables));
    }
}
