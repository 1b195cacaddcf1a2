package dev.datafn.mutation.typed;

import static dev.datafn.mutation.typed.Tasks.DONE;
import static dev.datafn.mutation.typed.Tasks.FOLDER;
import static dev.datafn.mutation.typed.Tasks.LABELS;
import static dev.datafn.mutation.typed.Tasks.META;
import static dev.datafn.mutation.typed.Tasks.SCORE;
import static dev.datafn.mutation.typed.Tasks.STARS;
import static dev.datafn.mutation.typed.Tasks.TASKS;
import static dev.datafn.mutation.typed.Tasks.TITLE;
import static dev.datafn.mutation.typed.Tasks.WATCHERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.mutation.typed.Tasks.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed mutations are immutable values, and refuse early what can never be a valid mutation. */
class TypedMutationValuesTest {

    @Test
    void everyChangeGivesANewMutationAndLeavesTheOldOne() {
        MergeMutation<Task> base = TASKS.merge("tk_1").set(TITLE, "a");
        String before = base.toWire().toString();

        MergeMutation<Task> changed = base.set(STARS, 2).clear(SCORE).ifMatches(DONE.isFalse()).idempotent("c", "m");

        assertThat(changed).isNotSameAs(base).isNotEqualTo(base);
        assertThat(base.toWire().toString()).isEqualTo(before);
        DeleteMutation<Task> delete = TASKS.delete("tk_1");
        assertThat(delete.ifMatches(DONE.isTrue())).isNotEqualTo(delete);
        assertThat(delete.toWire().has("if")).isFalse();
    }

    @Test
    void mutationsWithTheSameWireAreEqual() {
        assertThat(TASKS.merge("tk_1").set(STARS, 1)).isEqualTo(TASKS.merge("tk_1").set(STARS, 1))
                .hasSameHashCodeAs(TASKS.merge("tk_1").set(STARS, 1));
        assertThat(TASKS.delete("tk_1")).isNotEqualTo(TASKS.delete("tk_2"));
        assertThat(TASKS.relate("tk_1", LABELS, "lb_1").toString()).contains("\"operation\":\"relate\"");
    }

    @Test
    void theWireIsAFreshCopyEveryTime() {
        ObjectNode meta = JsonNodeFactory.instance.objectNode().put("role", "owner");
        RelationMutation<Task> relate = TASKS.relate("tk_1", LABELS, "lb_1", meta);
        MergeMutation<Task> merge = TASKS.merge("tk_1").set(META, meta);
        meta.put("role", "changed after");

        relate.toWire().with("metadata").put("role", "changed in a copy");
        merge.toWire().with("record").with("meta").put("role", "changed in a copy");

        assertThat(relate.toWire().get("metadata").get("role").textValue()).isEqualTo("owner");
        assertThat(merge.toWire().get("record").get("meta").get("role").textValue()).isEqualTo("owner");
    }

    @Test
    void aRecordChangedAfterwardsDoesNotChangeTheMutation() {
        List<String> labels = new ArrayList<>(List.of("lb_1"));
        Task task = new Task("tk_1", "x", false, null, null, null, null, null, null, null, null, null, labels,
                null, null);
        InsertMutation<Task> insert = TASKS.insert(task);

        labels.add("lb_2");

        assertThat(insert.toWire().get("record").get("labels")).hasSize(1);
    }

    @Test
    void operationAndResourceAreReadable() {
        assertThat(TASKS.upsert(Tasks.titled("tk_1", "x")).operation()).isEqualTo("upsert");
        assertThat(TASKS.modifyRelation("tk_1", LABELS, "lb_1", JsonNodeFactory.instance.objectNode()).operation())
                .isEqualTo("modifyRelation");
        assertThat(TASKS.insert(Tasks.titled(null, "x")).resource()).isEqualTo("tasks");
    }

    @Test
    void replaceAndUpsertNeedTheRecordsId() {
        assertThatThrownBy(() -> TASKS.replace(Tasks.titled(null, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replace names its record by id");
        assertThatThrownBy(() -> TASKS.upsert(Tasks.titled(null, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upsert");
    }

    @Test
    void onlyManyManyLinksCarryMetadata() {
        ObjectNode meta = JsonNodeFactory.instance.objectNode().put("role", "x");

        assertThatThrownBy(() -> TASKS.relate("tk_1", FOLDER, "fd_1", meta))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("only many-many links carry metadata; relation 'folder' is many-one");
        assertThatThrownBy(() -> TASKS.modifyRelation("tk_1", WATCHERS, "ps_1", meta))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'watchers' is one-many");
        assertThatThrownBy(() -> TASKS.modifyRelation("tk_1", LABELS, "lb_1", null))
                .isInstanceOf(NullPointerException.class).hasMessage("metadata");
    }

    @Test
    void missingPartsAreRefusedWhereTheyAreGiven() {
        assertThatThrownBy(() -> TASKS.merge(null)).isInstanceOf(NullPointerException.class).hasMessage("id");
        assertThatThrownBy(() -> TASKS.insert(null)).isInstanceOf(NullPointerException.class).hasMessage("record");
        assertThatThrownBy(() -> TASKS.relate("tk_1", LABELS, null))
                .isInstanceOf(NullPointerException.class).hasMessage("targetId");
        assertThatThrownBy(() -> TASKS.delete("tk_1").idempotent("c1", null))
                .isInstanceOf(NullPointerException.class).hasMessage("mutationId");
        assertThatThrownBy(() -> TASKS.merge("tk_1").ifMatches(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void numbersWithoutAJsonFormAreRefused() {
        assertThatThrownBy(() -> TASKS.merge("tk_1").set(SCORE, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN has no JSON form");
    }
}
