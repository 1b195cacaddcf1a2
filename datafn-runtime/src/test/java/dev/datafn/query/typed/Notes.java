package dev.datafn.query.typed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.json.Json;
import dev.datafn.schema.RelationKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Hand-written stand-ins for what the processor generates (records, {@code <Record>Fields} constants and a
 * {@code <Record>Query}), so the runtime's typed API is tested without the processor.
 */
final class Notes {

    private Notes() {
    }

    /** A constant whose {@code toString} differs from its name: the wire must carry the name. */
    enum Level {
        LOW, HIGH;

        @Override
        public String toString() {
            return "level " + ordinal();
        }
    }

    record Note(String id, String title, boolean done, Integer stars, Long views, Double score, BigDecimal price,
            LocalDate due, Instant at, Level level, JsonNode meta, String folderId, List<String> labels) {
    }

    record Folder(String id, String name, boolean archived, String ownerId) {
    }

    record Person(String id, String name) {
    }

    record Label(String id, String name) {
    }

    static final StringField<Note> TITLE = new StringField<>("title");
    static final BooleanField<Note> DONE = new BooleanField<>("done");
    static final NumberField<Note, Integer> STARS = new NumberField<>("stars", Integer.class);
    static final NumberField<Note, Long> VIEWS = new NumberField<>("views", Long.class);
    static final NumberField<Note, Double> SCORE = new NumberField<>("score", Double.class);
    static final NumberField<Note, BigDecimal> PRICE = new NumberField<>("price", BigDecimal.class);
    static final DateField<Note> DUE = new DateField<>("due");
    static final DateTimeField<Note> AT = new DateTimeField<>("at");
    static final EnumField<Note, Level> LEVEL = new EnumField<>("level", Level.class);
    static final JsonField<Note> META = new JsonField<>("meta");
    static final RelationHandle<Note, Folder> FOLDER =
            new RelationHandle<>("folder", RelationKind.MANY_ONE, Folder.class, "folderId");
    static final RelationHandle<Note, Label> LABELS =
            new RelationHandle<>("labels", RelationKind.MANY_MANY, Label.class, "labelIds");

    static final StringField<Folder> FOLDER_NAME = new StringField<>("name");
    static final BooleanField<Folder> FOLDER_ARCHIVED = new BooleanField<>("archived");
    static final RelationHandle<Folder, Person> FOLDER_OWNER =
            new RelationHandle<>("owner", RelationKind.MANY_ONE, Person.class, "ownerId");
    static final RelationHandle<Folder, Note> FOLDER_NOTES =
            new RelationHandle<>("notes", RelationKind.ONE_MANY, Note.class, null);

    static final StringField<Person> PERSON_NAME = new StringField<>("name");

    /** What the processor generates for {@code notes}: data and the copy hook, nothing else. */
    static final class NoteQuery extends ResourceQuery<Note, NoteQuery> {
        static final String RESOURCE = "notes";
        static final int VERSION = 2;

        private NoteQuery(QueryState<Note> state) {
            super(state);
        }

        static NoteQuery all() {
            return new NoteQuery(QueryState.initial(RESOURCE, VERSION));
        }

        static NoteQuery where(Criterion<Note> criterion) {
            return all().filter(criterion);
        }

        @Override
        protected NoteQuery copy(QueryState<Note> changed) {
            return new NoteQuery(changed);
        }
    }

    /**
     * Compares JSON as parsed trees written back out: whitespace does not matter, member order and values
     * do, and an {@code int} 3 equals a {@code long} 3 (Jackson's node classes alone would tell them apart).
     */
    static void assertJson(JsonNode actual, String expected) {
        try {
            assertThat(Json.MAPPER.writeValueAsString(actual))
                    .isEqualTo(Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(expected)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
