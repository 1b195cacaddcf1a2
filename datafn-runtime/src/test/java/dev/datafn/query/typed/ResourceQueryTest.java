package dev.datafn.query.typed;

import static dev.datafn.query.typed.Notes.DONE;
import static dev.datafn.query.typed.Notes.FOLDER;
import static dev.datafn.query.typed.Notes.FOLDER_NAME;
import static dev.datafn.query.typed.Notes.LABELS;
import static dev.datafn.query.typed.Notes.STARS;
import static dev.datafn.query.typed.Notes.TITLE;
import static dev.datafn.query.typed.Notes.assertJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.query.typed.Notes.NoteQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query builder: its wire form, member by member, and that it is an immutable value. */
class ResourceQueryTest {

    @Test
    void aQueryForAllRecordsIsResourceAndVersionOnly() {
        assertJson(NoteQuery.all().toDfql(), """
                {"resource": "notes", "version": 2}""");
        assertThat(NoteQuery.all().resource()).isEqualTo("notes");
        assertThat(NoteQuery.all().version()).isEqualTo(2);
    }

    @Test
    void everyMemberInTheReferenceOrder() {
        NoteQuery query = NoteQuery.where(DONE.isFalse().and(STARS.gte(3)))
                .count(true)
                .after("c1")
                .offset(10)
                .limit(20)
                .orderBy(STARS.desc(), TITLE.asc())
                .select(Notes.TITLE, STARS);

        assertJson(query.toDfql(), """
                {"resource": "notes", "version": 2,
                 "select": ["title", "stars"],
                 "filters": {"$and": [{"done": {"eq": false}}, {"stars": {"gte": 3}}]},
                 "sort": ["stars:desc", "title:asc"],
                 "limit": 20, "offset": 10, "cursor": "c1", "count": true}""");
    }

    @Test
    void filtersAccumulateAndOtherMembersReplace() {
        NoteQuery query = NoteQuery.where(DONE.isFalse()).filter(STARS.gt(1)).filter(TITLE.isNotNull())
                .limit(5).limit(7)
                .orderBy(TITLE.asc()).orderBy(STARS.desc())
                .select(TITLE).select(STARS)
                .count(true).count(false);

        assertJson(query.toDfql(), """
                {"resource": "notes", "version": 2, "select": ["stars"],
                 "filters": {"$and": [{"done": {"eq": false}}, {"stars": {"gt": 1}}, {"title": {"is_not_null": true}}]},
                 "sort": ["stars:desc"], "limit": 7}""");
    }

    @Test
    void expandingKeepsEveryFieldUnlessFieldsAreChosen() {
        assertJson(NoteQuery.all().expand(FOLDER, LABELS).toDfql(), """
                {"resource": "notes", "version": 2, "select": ["*", "folder.*", "labels.*"]}""");
        assertJson(NoteQuery.all().select(TITLE).expand(FOLDER).toDfql(), """
                {"resource": "notes", "version": 2, "select": ["title", "folder.*"]}""");
    }

    @Test
    void relationFiltersGoIntoTheFilters() {
        assertJson(NoteQuery.where(FOLDER.where(FOLDER_NAME.eq("Home"))).toDfql(), """
                {"resource": "notes", "version": 2, "filters": {"folder.name": {"eq": "Home"}}}""");
    }

    @Test
    void everyCallReturnsANewQueryAndLeavesItsSourceAlone() {
        NoteQuery open = NoteQuery.where(DONE.isFalse());
        String before = open.toString();

        NoteQuery first = open.limit(1).orderBy(STARS.desc()).filter(STARS.gt(2)).select(TITLE).after("x");
        NoteQuery second = open.limit(2);

        assertThat(open.toString()).isEqualTo(before);
        assertThat(first).isNotSameAs(open).isNotEqualTo(open);
        assertJson(second.toDfql(), """
                {"resource": "notes", "version": 2, "filters": {"done": {"eq": false}}, "limit": 2}""");
        ObjectNode rendered = open.toDfql();
        rendered.put("limit", 99);
        assertThat(open.toString()).isEqualTo(before);
    }

    @Test
    void queriesAreValues() {
        NoteQuery a = NoteQuery.where(STARS.eq(1)).limit(3);
        NoteQuery b = NoteQuery.all().limit(3).filter(STARS.eq(1));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(a.limit(4));
        assertThat(a.toString()).isEqualTo(a.toDfql().toString());
    }

    @Test
    void impossibleMembersAreRefusedWhereTheyAreWritten() {
        assertThatThrownBy(() -> NoteQuery.all().limit(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> NoteQuery.all().offset(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteQuery.all().select()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteQuery.all().after(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> NoteQuery.all().filter(null)).isInstanceOf(NullPointerException.class);
        assertThat(NoteQuery.all().limit(0).toDfql().get("limit").intValue()).isZero();
    }

    @Test
    void pagesCopyTheirItems() {
        List<String> items = new java.util.ArrayList<>(List.of("a"));
        Page<String> page = new Page<>(items, "next", 4L, true);
        items.add("b");

        assertThat(page.items()).containsExactly("a");
        assertThat(page.nextCursor()).isEqualTo("next");
        assertThat(page.total()).isEqualTo(4L);
        assertThat(page.hasMore()).isTrue();
    }
}
