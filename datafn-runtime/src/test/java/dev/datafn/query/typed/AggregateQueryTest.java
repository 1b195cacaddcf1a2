package dev.datafn.query.typed;

import static dev.datafn.query.typed.Notes.DONE;
import static dev.datafn.query.typed.Notes.DUE;
import static dev.datafn.query.typed.Notes.LEVEL;
import static dev.datafn.query.typed.Notes.PRICE;
import static dev.datafn.query.typed.Notes.STARS;
import static dev.datafn.query.typed.Notes.TITLE;
import static dev.datafn.query.typed.Notes.assertJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import dev.datafn.query.typed.Notes.Level;
import dev.datafn.query.typed.Notes.Note;
import dev.datafn.query.typed.Notes.NoteQuery;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Typed aggregations: the wire form of seed 001, and rows read back as Java types. */
class AggregateQueryTest {

    static final Aggregate<Note, Long> N = Aggregate.count("n");
    static final Aggregate<Note, Double> AVG_STARS = Aggregate.avg("avgStars", STARS);
    static final Aggregate<Note, BigDecimal> TOTAL = Aggregate.sum("total", PRICE);
    static final Aggregate<Note, LocalDate> FIRST_DUE = Aggregate.min("firstDue", DUE);
    static final Aggregate<Note, Integer> MOST_STARS = Aggregate.max("mostStars", STARS);
    static final Aggregate<Note, Long> TITLES = Aggregate.countDistinct("titles", TITLE);

    @Test
    void groupByAggregationsAndHavingAsOnTheWire() {
        AggregateQuery<Note> query = NoteQuery.where(TITLE.isNotNull())
                .groupBy(DONE)
                .aggregate(N, AVG_STARS)
                .having(N.gt(5L));

        assertJson(query.toDfql(), """
                {"resource": "notes", "version": 2,
                 "filters": {"title": {"is_not_null": true}},
                 "groupBy": ["done"],
                 "aggregations": {"n": {"fn": "count"}, "avgStars": {"fn": "avg", "field": "stars"}},
                 "having": {"n": {"gt": 5}}}""");
    }

    @Test
    void everyFunctionAndHavingOperator() {
        AggregateQuery<Note> query = NoteQuery.all()
                .aggregate(TOTAL, FIRST_DUE, MOST_STARS, TITLES)
                .having(TOTAL.gte(new BigDecimal("10.5")))
                .having(FIRST_DUE.lt(LocalDate.of(2026, 1, 1)).or(MOST_STARS.eq(5)))
                .having(TITLES.ne(0L).and(MOST_STARS.lte(4).not()));

        assertJson(query.toDfql(), """
                {"resource": "notes", "version": 2,
                 "aggregations": {"total": {"fn": "sum", "field": "price"},
                                  "firstDue": {"fn": "min", "field": "due"},
                                  "mostStars": {"fn": "max", "field": "stars"},
                                  "titles": {"fn": "countDistinct", "field": "title"}},
                 "having": {"$and": [{"total": {"gte": 10.5}},
                                     {"$or": [{"firstDue": {"lt": "2026-01-01"}}, {"mostStars": {"eq": 5}}]},
                                     {"titles": {"ne": 0}},
                                     {"$not": {"mostStars": {"lte": 4}}}]}}""");
    }

    @Test
    void onlyTheFilterCarriesOverFromTheQuery() {
        AggregateQuery<Note> query = NoteQuery.where(DONE.isTrue()).limit(3).orderBy(STARS.desc()).count(true)
                .groupBy(LEVEL, DONE).aggregate(N);

        assertJson(query.toDfql(), """
                {"resource": "notes", "version": 2, "filters": {"done": {"eq": true}},
                 "groupBy": ["level", "done"], "aggregations": {"n": {"fn": "count"}}}""");
    }

    @Test
    void rowsAreReadThroughTheConstantsThatAskedForThem() throws JsonProcessingException {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree("""
                {"done": false, "level": "HIGH", "due": "2026-12-24", "n": 7, "avgStars": 2.5, "total": 12,
                 "firstDue": "2026-01-02", "mostStars": 5, "titles": null}""");
        AggregateRow<Note> row = new AggregateRow<>(json);
        json.put("n", 99);

        assertThat(row.get(N)).isEqualTo(7L);
        assertThat(row.get(AVG_STARS)).isEqualTo(2.5);
        assertThat(row.get(TOTAL)).isEqualByComparingTo("12");
        assertThat(row.get(FIRST_DUE)).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(row.get(MOST_STARS)).isEqualTo(5);
        assertThat(row.get(TITLES)).isNull();
        assertThat(row.get(DONE)).isFalse();
        assertThat(row.get(LEVEL)).isEqualTo(Level.HIGH);
        assertThat(row.get(DUE)).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(row.get(STARS)).isNull();
        assertThat(row.toJson().get("n").intValue()).isEqualTo(7);
    }

    @Test
    void aggregationQueriesAreImmutableValues() {
        AggregateQuery<Note> grouped = NoteQuery.all().groupBy(DONE).aggregate(N);
        AggregateQuery<Note> filtered = grouped.having(N.gt(1L));

        assertThat(grouped.toDfql().has("having")).isFalse();
        assertThat(filtered).isNotEqualTo(grouped);
        assertThat(NoteQuery.all().groupBy(DONE).aggregate(N)).isEqualTo(grouped).hasSameHashCodeAs(grouped);
        assertThat(grouped.resource()).isEqualTo("notes");
        assertThat(N).isEqualTo(Aggregate.<Note>count("n"));
    }

    @Test
    void namesMustBeIdentifiersAndUniqueInARow() {
        assertThatThrownBy(() -> Aggregate.count("a.b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain identifier");
        assertThatThrownBy(() -> Aggregate.count("$n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteQuery.all().aggregate(N, Aggregate.count("n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'n'");
        assertThatThrownBy(() -> NoteQuery.all().groupBy(DONE).aggregate(Aggregate.count("done")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteQuery.all().aggregate()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteQuery.all().groupBy()).isInstanceOf(IllegalArgumentException.class);
    }
}
