package dev.datafn.mutation.typed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.query.typed.BooleanField;
import dev.datafn.query.typed.DateField;
import dev.datafn.query.typed.DateTimeField;
import dev.datafn.query.typed.EnumField;
import dev.datafn.query.typed.JsonField;
import dev.datafn.query.typed.NumberField;
import dev.datafn.query.typed.RelationHandle;
import dev.datafn.query.typed.StringField;
import dev.datafn.schema.RelationKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Hand-written stand-ins for what the processor generates (a record, its {@code <Record>Fields} handles
 * and the factory of its {@code <Record>Mutations}), so the typed mutations are tested without the
 * processor.
 */
final class Tasks {

    private Tasks() {
    }

    /** A constant whose {@code toString} differs from its name: the wire must carry the name. */
    enum Level {
        LOW, HIGH;

        @Override
        public String toString() {
            return "level " + ordinal();
        }
    }

    record Task(String id, String title, boolean done, Integer stars, Long views, Double score, BigDecimal price,
            LocalDate due, Instant at, Level level, JsonNode meta, String folderId, List<String> labels,
            Instant createdAt, Instant updatedAt) {
    }

    record Folder(String id, String name) {
    }

    record Label(String id, String name) {
    }

    record Person(String id, String name) {
    }

    static final StringField<Task> ID = new StringField<>("id");
    static final StringField<Task> TITLE = new StringField<>("title");
    static final BooleanField<Task> DONE = new BooleanField<>("done");
    static final NumberField<Task, Integer> STARS = new NumberField<>("stars", Integer.class);
    static final NumberField<Task, Long> VIEWS = new NumberField<>("views", Long.class);
    static final NumberField<Task, Double> SCORE = new NumberField<>("score", Double.class);
    static final NumberField<Task, BigDecimal> PRICE = new NumberField<>("price", BigDecimal.class);
    static final DateField<Task> DUE = new DateField<>("due");
    static final DateTimeField<Task> AT = new DateTimeField<>("at");
    static final EnumField<Task, Level> LEVEL = new EnumField<>("level", Level.class);
    static final JsonField<Task> META = new JsonField<>("meta");
    static final StringField<Task> FOLDER_ID = new StringField<>("folderId");
    static final RelationHandle<Task, Folder> FOLDER =
            new RelationHandle<>("folder", RelationKind.MANY_ONE, Folder.class, "folderId");
    static final RelationHandle<Task, Label> LABELS =
            new RelationHandle<>("labels", RelationKind.MANY_MANY, Label.class, "labels");
    static final RelationHandle<Task, Person> WATCHERS =
            new RelationHandle<>("watchers", RelationKind.ONE_MANY, Person.class, null);

    /** What a generated {@code TaskMutations} holds. */
    static final MutationFactory<Task> TASKS = new MutationFactory<>("tasks", 2, List.of("createdAt", "updatedAt"));

    /** @return a task with only the required title and the primitive set */
    static Task titled(String id, String title) {
        return new Task(id, title, false, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
