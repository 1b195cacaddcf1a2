package dev.datafn.mutation.typed;

import static dev.datafn.mutation.typed.Tasks.AT;
import static dev.datafn.mutation.typed.Tasks.DONE;
import static dev.datafn.mutation.typed.Tasks.DUE;
import static dev.datafn.mutation.typed.Tasks.FOLDER;
import static dev.datafn.mutation.typed.Tasks.FOLDER_ID;
import static dev.datafn.mutation.typed.Tasks.LABELS;
import static dev.datafn.mutation.typed.Tasks.LEVEL;
import static dev.datafn.mutation.typed.Tasks.META;
import static dev.datafn.mutation.typed.Tasks.PRICE;
import static dev.datafn.mutation.typed.Tasks.SCORE;
import static dev.datafn.mutation.typed.Tasks.STARS;
import static dev.datafn.mutation.typed.Tasks.TASKS;
import static dev.datafn.mutation.typed.Tasks.TITLE;
import static dev.datafn.mutation.typed.Tasks.VIEWS;
import static dev.datafn.mutation.typed.Tasks.WATCHERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import dev.datafn.mutation.parse.MutationParser;
import dev.datafn.mutation.typed.Tasks.Level;
import dev.datafn.mutation.typed.Tasks.Task;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every typed mutation renders exactly the wire JSON of {@code POST /datafn/mutation}, members in the
 * protocol's order; compared as text so the order counts.
 */
class TypedMutationWireTest {

    /** Reads expected JSON exactly as written: member order, and decimals with their trailing zeros. */
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** @return the JSON text compacted, members in the order written */
    private static String wire(String json) {
        try {
            return EXACT.readTree(json).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void assertWire(TypedMutation<?> mutation, String expected) {
        assertThat(mutation.toWire().toString()).isEqualTo(wire(expected));
        // What the builders render, the server's parser takes.
        MutationParser.parse(mutation.toWire(), "");
    }

    @Test
    void insertLeavesOutNullsAndServerOwnedFieldsAndCarriesTheKey() {
        Task task = new Task(null, "Write tests", true, 3, 12_000_000_000L, 0.5, new BigDecimal("19.990"),
                LocalDate.of(2026, 12, 24), Instant.parse("2026-12-24T08:00:00.123456Z"), Level.HIGH,
                object("{\"a\": [1, {\"b\": null}]}"), "fd_1", List.of("lb_1", "lb_2"),
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:00:00Z"));

        assertWire(TASKS.insert(task).idempotent("c1", "m1"), """
                {"resource": "tasks", "version": 2, "operation": "insert", "clientId": "c1", "mutationId": "m1",
                 "record": {"title": "Write tests", "done": true, "stars": 3, "views": 12000000000, "score": 0.5,
                            "price": 19.990, "due": "2026-12-24", "at": "2026-12-24T08:00:00.123456Z",
                            "level": "HIGH", "meta": {"a": [1, {"b": null}]}, "folderId": "fd_1",
                            "labels": ["lb_1", "lb_2"]}}""");
    }

    @Test
    void insertKeepsAGivenIdInTheRecord() {
        assertWire(TASKS.insert(Tasks.titled("tk_1", "x")), """
                {"resource": "tasks", "version": 2, "operation": "insert",
                 "record": {"id": "tk_1", "title": "x", "done": false}}""");
    }

    @Test
    void mergeSetsTypedValuesClearsFieldsAndGuards() {
        MergeMutation<Task> merge = TASKS.merge("tk_1")
                .set(TITLE, "Buy milk")
                .set(DONE, true)
                .set(STARS, 3)
                .set(VIEWS, 7L)
                .set(SCORE, 2.5)
                .set(PRICE, new BigDecimal("1.10"))
                .set(DUE, LocalDate.of(2026, 1, 2))
                .set(AT, Instant.parse("2026-01-02T03:04:05Z"))
                .set(LEVEL, Level.LOW)
                .set(META, object("{\"k\": \"v\"}"))
                .set(FOLDER_ID, "fd_9")
                .ifMatches(DONE.isFalse());

        assertWire(merge, """
                {"resource": "tasks", "version": 2, "operation": "merge", "id": "tk_1",
                 "record": {"title": "Buy milk", "done": true, "stars": 3, "views": 7, "score": 2.5, "price": 1.10,
                            "due": "2026-01-02", "at": "2026-01-02T03:04:05Z", "level": "LOW", "meta": {"k": "v"},
                            "folderId": "fd_9"},
                 "if": {"done": {"eq": false}}}""");
    }

    @Test
    void theIssueExampleRendersTheSeedsMerge() {
        assertWire(TASKS.merge("td_1").set(DONE, true).ifMatches(DONE.isFalse()), """
                {"resource": "tasks", "version": 2, "operation": "merge", "id": "td_1",
                 "record": {"done": true}, "if": {"done": {"eq": false}}}""");
    }

    @Test
    void settingAFieldAgainKeepsTheLastValueInTheFirstPlace() {
        assertWire(TASKS.merge("tk_1").set(STARS, 1).set(TITLE, "a").set(STARS, 2), """
                {"resource": "tasks", "version": 2, "operation": "merge", "id": "tk_1",
                 "record": {"stars": 2, "title": "a"}}""");
    }

    @Test
    void settingNullClearsAsClearDoes() {
        assertThat(TASKS.merge("tk_1").set(STARS, null).set(META, null))
                .isEqualTo(TASKS.merge("tk_1").clear(STARS).clear(META));
        assertWire(TASKS.merge("tk_1").clear(DUE), """
                {"resource": "tasks", "version": 2, "operation": "merge", "id": "tk_1", "record": {"due": null}}""");
    }

    @Test
    void guardsAccumulateAsAConjunction() {
        assertWire(TASKS.merge("tk_1").set(DONE, true).ifMatches(DONE.isFalse()).ifMatches(STARS.gte(2)), """
                {"resource": "tasks", "version": 2, "operation": "merge", "id": "tk_1", "record": {"done": true},
                 "if": {"$and": [{"done": {"eq": false}}, {"stars": {"gte": 2}}]}}""");
    }

    @Test
    void replaceAndUpsertCarryTheWholeRecordAndItsId() {
        Task task = new Task("tk_1", "Whole", false, null, null, null, null, null, null, Level.LOW, null, null,
                List.of(), Instant.now(), null);

        assertWire(TASKS.replace(task), """
                {"resource": "tasks", "version": 2, "operation": "replace", "id": "tk_1",
                 "record": {"id": "tk_1", "title": "Whole", "done": false, "level": "LOW", "labels": []}}""");
        assertWire(TASKS.upsert(task).idempotent("c1", "m2").ifMatches(TITLE.eq("Old")), """
                {"resource": "tasks", "version": 2, "operation": "upsert", "clientId": "c1", "mutationId": "m2",
                 "id": "tk_1",
                 "record": {"id": "tk_1", "title": "Whole", "done": false, "level": "LOW", "labels": []},
                 "if": {"title": {"eq": "Old"}}}""");
    }

    @Test
    void deleteNamesTheRecordAndMayBeGuarded() {
        assertWire(TASKS.delete("tk_1"), """
                {"resource": "tasks", "version": 2, "operation": "delete", "id": "tk_1"}""");
        assertWire(TASKS.delete("tk_1").ifMatches(DONE.isTrue()).idempotent("c1", "m3"), """
                {"resource": "tasks", "version": 2, "operation": "delete", "clientId": "c1", "mutationId": "m3",
                 "id": "tk_1", "if": {"done": {"eq": true}}}""");
    }

    @Test
    void relationOperationsNameTheRelationAndTarget() {
        assertWire(TASKS.relate("tk_1", LABELS, "lb_1"), """
                {"resource": "tasks", "version": 2, "operation": "relate", "id": "tk_1", "relation": "labels",
                 "targetId": "lb_1"}""");
        assertWire(TASKS.relate("tk_1", LABELS, "lb_1", object("{\"role\": \"owner\"}")), """
                {"resource": "tasks", "version": 2, "operation": "relate", "id": "tk_1", "relation": "labels",
                 "targetId": "lb_1", "metadata": {"role": "owner"}}""");
        assertWire(TASKS.unrelate("tk_1", LABELS, "lb_1").idempotent("c1", "m4"), """
                {"resource": "tasks", "version": 2, "operation": "unrelate", "clientId": "c1", "mutationId": "m4",
                 "id": "tk_1", "relation": "labels", "targetId": "lb_1"}""");
        assertWire(TASKS.modifyRelation("tk_1", LABELS, "lb_1", object("{\"role\": \"x\"}")), """
                {"resource": "tasks", "version": 2, "operation": "modifyRelation", "id": "tk_1",
                 "relation": "labels", "targetId": "lb_1", "metadata": {"role": "x"}}""");
        assertWire(TASKS.relate("tk_1", FOLDER, "fd_1").ifMatches(DONE.isFalse()), """
                {"resource": "tasks", "version": 2, "operation": "relate", "id": "tk_1", "relation": "folder",
                 "targetId": "fd_1", "if": {"done": {"eq": false}}}""");
        assertWire(TASKS.unrelate("tk_1", WATCHERS, "ps_1"), """
                {"resource": "tasks", "version": 2, "operation": "unrelate", "id": "tk_1", "relation": "watchers",
                 "targetId": "ps_1"}""");
    }
}
