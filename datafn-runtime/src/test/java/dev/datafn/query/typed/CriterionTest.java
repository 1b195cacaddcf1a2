package dev.datafn.query.typed;

import static dev.datafn.query.typed.Notes.DONE;
import static dev.datafn.query.typed.Notes.FOLDER;
import static dev.datafn.query.typed.Notes.FOLDER_ARCHIVED;
import static dev.datafn.query.typed.Notes.FOLDER_NAME;
import static dev.datafn.query.typed.Notes.FOLDER_NOTES;
import static dev.datafn.query.typed.Notes.FOLDER_OWNER;
import static dev.datafn.query.typed.Notes.LABELS;
import static dev.datafn.query.typed.Notes.PERSON_NAME;
import static dev.datafn.query.typed.Notes.STARS;
import static dev.datafn.query.typed.Notes.TITLE;
import static dev.datafn.query.typed.Notes.assertJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.query.typed.Notes.Note;
import dev.datafn.schema.RelationKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Combining criteria, and criteria on related resources. */
class CriterionTest {

    @Test
    void andRendersOneConjunction() {
        assertJson(DONE.isFalse().and(STARS.gte(3)).toJson(), """
                {"$and": [{"done": {"eq": false}}, {"stars": {"gte": 3}}]}""");
    }

    @Test
    void chainedAndsAndOrsAreFlattenedAndMixedGroupsNest() {
        Criterion<Note> all = DONE.isFalse().and(STARS.gte(3)).and(TITLE.like("%a%"));
        assertJson(all.toJson(), """
                {"$and": [{"done": {"eq": false}}, {"stars": {"gte": 3}}, {"title": {"like": "%a%"}}]}""");

        Criterion<Note> mixed = STARS.eq(5).or(STARS.eq(4)).or(DONE.isTrue().and(TITLE.isNotNull()));
        assertJson(mixed.toJson(), """
                {"$or": [{"stars": {"eq": 5}}, {"stars": {"eq": 4}},
                         {"$and": [{"done": {"eq": true}}, {"title": {"is_not_null": true}}]}]}""");
    }

    @Test
    void notWrapsAnyCriterion() {
        assertJson(DONE.isTrue().not().toJson(), """
                {"$not": {"done": {"eq": true}}}""");
        assertJson(STARS.gt(3).or(TITLE.isNull()).not().and(DONE.isFalse()).toJson(), """
                {"$and": [{"$not": {"$or": [{"stars": {"gt": 3}}, {"title": {"is_null": true}}]}},
                          {"done": {"eq": false}}]}""");
    }

    @Test
    void allOfAndAnyOfTakeAnyNumberButNone() {
        Criterion<Note> one = STARS.eq(1);

        assertThat(Criterion.allOf(one)).isSameAs(one);
        assertThat(Criterion.anyOf(List.of(one))).isSameAs(one);
        assertJson(Criterion.anyOf(STARS.eq(1), STARS.eq(2), STARS.eq(3)).toJson(), """
                {"$or": [{"stars": {"eq": 1}}, {"stars": {"eq": 2}}, {"stars": {"eq": 3}}]}""");
        assertJson(Criterion.allOf(List.of(STARS.eq(1), DONE.isTrue())).toJson(), """
                {"$and": [{"stars": {"eq": 1}}, {"done": {"eq": true}}]}""");
        assertThatThrownBy(() -> Criterion.<Note>allOf()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Criterion.anyOf(List.<Criterion<Note>>of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void combiningLeavesTheCombinedCriteriaAsTheyWere() {
        Criterion<Note> left = STARS.eq(1).and(DONE.isTrue());
        Criterion<Note> combined = left.and(TITLE.eq("x"));

        assertJson(left.toJson(), """
                {"$and": [{"stars": {"eq": 1}}, {"done": {"eq": true}}]}""");
        assertThat(combined).isNotEqualTo(left);
    }

    @Test
    void relationFiltersUseDottedKeys() {
        assertJson(FOLDER.where(FOLDER_NAME.eq("Home")).toJson(), """
                {"folder.name": {"eq": "Home"}}""");
        assertJson(FOLDER.where(FOLDER_NAME.eq("Home").or(FOLDER_ARCHIVED.isTrue().not())).toJson(), """
                {"$or": [{"folder.name": {"eq": "Home"}}, {"$not": {"folder.archived": {"eq": true}}}]}""");
        assertJson(FOLDER_NOTES.where(STARS.gte(4)).toJson(), """
                {"notes.stars": {"gte": 4}}""");
    }

    @Test
    void relationFiltersChainThroughSeveralRelations() {
        assertJson(FOLDER.where(FOLDER_OWNER.where(PERSON_NAME.ilike("ann%"))).and(DONE.isFalse()).toJson(), """
                {"$and": [{"folder.owner.name": {"ilike": "ann%"}}, {"done": {"eq": false}}]}""");
    }

    @Test
    void manyManyListsTestForOneIdUnderTheirIdField() {
        assertJson(LABELS.contains("lb_1").toJson(), """
                {"labelIds": {"contains": "lb_1"}}""");
        assertThatThrownBy(() -> FOLDER.contains("fd_1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("where(...)");
    }

    @Test
    void relationsOtherThanOneManyNameTheirIdField() {
        assertThatThrownBy(() -> new RelationHandle<>("x", RelationKind.MANY_MANY, Note.class, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(FOLDER.idField()).isEqualTo("folderId");
        assertThat(FOLDER_NOTES.idField()).isNull();
    }
}
