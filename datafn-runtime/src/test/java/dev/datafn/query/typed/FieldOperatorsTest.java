package dev.datafn.query.typed;

import static dev.datafn.query.typed.Notes.AT;
import static dev.datafn.query.typed.Notes.DONE;
import static dev.datafn.query.typed.Notes.DUE;
import static dev.datafn.query.typed.Notes.LEVEL;
import static dev.datafn.query.typed.Notes.META;
import static dev.datafn.query.typed.Notes.PRICE;
import static dev.datafn.query.typed.Notes.SCORE;
import static dev.datafn.query.typed.Notes.STARS;
import static dev.datafn.query.typed.Notes.TITLE;
import static dev.datafn.query.typed.Notes.VIEWS;
import static dev.datafn.query.typed.Notes.assertJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.json.Json;
import dev.datafn.query.typed.Notes.Level;
import dev.datafn.query.typed.Notes.Note;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every operator of every field type, as the DFQL filter it renders. */
class FieldOperatorsTest {

    @Test
    void stringOperators() {
        assertJson(TITLE.eq("Buy milk").toJson(), """
                {"title": {"eq": "Buy milk"}}""");
        assertJson(TITLE.ne("x").toJson(), """
                {"title": {"ne": "x"}}""");
        assertJson(TITLE.in("a", "b").toJson(), """
                {"title": {"in": ["a", "b"]}}""");
        assertJson(TITLE.in(List.of("a")).toJson(), """
                {"title": {"in": ["a"]}}""");
        assertJson(TITLE.nin("a", "b").toJson(), """
                {"title": {"nin": ["a", "b"]}}""");
        assertJson(TITLE.nin(Set.of()).toJson(), """
                {"title": {"nin": []}}""");
        assertJson(TITLE.like("%milk%").toJson(), """
                {"title": {"like": "%milk%"}}""");
        assertJson(TITLE.ilike("%MILK%").toJson(), """
                {"title": {"ilike": "%MILK%"}}""");
        assertJson(TITLE.startsWith("Buy").toJson(), """
                {"title": {"startswith": "Buy"}}""");
        assertJson(TITLE.endsWith("milk").toJson(), """
                {"title": {"endswith": "milk"}}""");
        assertJson(TITLE.iStartsWith("buy").toJson(), """
                {"title": {"istartswith": "buy"}}""");
        assertJson(TITLE.iEndsWith("MILK").toJson(), """
                {"title": {"iendswith": "MILK"}}""");
        assertJson(TITLE.gt("m").toJson(), """
                {"title": {"gt": "m"}}""");
        assertJson(TITLE.between("a", "m").toJson(), """
                {"title": {"between": ["a", "m"]}}""");
        assertJson(TITLE.isNull().toJson(), """
                {"title": {"is_null": true}}""");
        assertJson(TITLE.isNotNull().toJson(), """
                {"title": {"is_not_null": true}}""");
    }

    @Test
    void booleanOperators() {
        assertJson(DONE.eq(true).toJson(), """
                {"done": {"eq": true}}""");
        assertJson(DONE.ne(true).toJson(), """
                {"done": {"ne": true}}""");
        assertJson(DONE.isTrue().toJson(), """
                {"done": {"eq": true}}""");
        assertJson(DONE.isFalse().toJson(), """
                {"done": {"eq": false}}""");
        assertJson(DONE.isNull().toJson(), """
                {"done": {"is_null": true}}""");
        assertThat(DONE.valueType()).isEqualTo(Boolean.class);
    }

    @Test
    void numberOperatorsKeepTheFieldsNumberType() {
        assertJson(STARS.gte(3).toJson(), """
                {"stars": {"gte": 3}}""");
        assertThat(STARS.gte(3).toJson().get("stars").get("gte").isInt()).isTrue();
        assertThat(VIEWS.gt(5_000_000_000L).toJson().get("views").get("gt").isLong()).isTrue();
        assertJson(SCORE.lt(2.5).toJson(), """
                {"score": {"lt": 2.5}}""");
        assertJson(PRICE.lte(new BigDecimal("19.5")).toJson(), """
                {"price": {"lte": 19.5}}""");
        assertJson(STARS.eq(1).toJson(), """
                {"stars": {"eq": 1}}""");
        assertJson(STARS.ne(1).toJson(), """
                {"stars": {"ne": 1}}""");
        assertJson(STARS.in(1, 2).toJson(), """
                {"stars": {"in": [1, 2]}}""");
        assertJson(STARS.nin(List.of(4)).toJson(), """
                {"stars": {"nin": [4]}}""");
        assertJson(STARS.between(1, 3).toJson(), """
                {"stars": {"between": [1, 3]}}""");
        assertJson(STARS.lt(9).toJson(), """
                {"stars": {"lt": 9}}""");
        assertJson(STARS.gt(0).toJson(), """
                {"stars": {"gt": 0}}""");
        assertJson(STARS.isNotNull().toJson(), """
                {"stars": {"is_not_null": true}}""");
    }

    @Test
    void numbersWithoutAJsonFormAreRefused() {
        assertThatThrownBy(() -> SCORE.eq(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> SCORE.gt(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void datesAndInstantsAreIsoStrings() {
        assertJson(DUE.lt(LocalDate.of(2026, 12, 24)).toJson(), """
                {"due": {"lt": "2026-12-24"}}""");
        assertJson(DUE.between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)).toJson(), """
                {"due": {"between": ["2026-01-01", "2026-01-31"]}}""");
        assertJson(DUE.in(LocalDate.of(2026, 1, 1)).toJson(), """
                {"due": {"in": ["2026-01-01"]}}""");
        assertJson(AT.gte(Instant.parse("2026-11-22T01:03:38.510105Z")).toJson(), """
                {"at": {"gte": "2026-11-22T01:03:38.510105Z"}}""");
        assertJson(AT.eq(Instant.parse("2026-11-22T01:00:00Z")).toJson(), """
                {"at": {"eq": "2026-11-22T01:00:00Z"}}""");
        assertJson(AT.ne(Instant.EPOCH).toJson(), """
                {"at": {"ne": "1970-01-01T00:00:00Z"}}""");
        assertJson(AT.nin(Instant.EPOCH).toJson(), """
                {"at": {"nin": ["1970-01-01T00:00:00Z"]}}""");
        assertJson(AT.isNull().toJson(), """
                {"at": {"is_null": true}}""");
    }

    @Test
    void enumsAreTheirConstantNamesNotToString() {
        assertJson(LEVEL.eq(Level.HIGH).toJson(), """
                {"level": {"eq": "HIGH"}}""");
        assertJson(LEVEL.ne(Level.LOW).toJson(), """
                {"level": {"ne": "LOW"}}""");
        assertJson(LEVEL.in(Level.LOW, Level.HIGH).toJson(), """
                {"level": {"in": ["LOW", "HIGH"]}}""");
        assertJson(LEVEL.nin(List.of(Level.LOW)).toJson(), """
                {"level": {"nin": ["LOW"]}}""");
        assertJson(LEVEL.isNull().toJson(), """
                {"level": {"is_null": true}}""");
    }

    @Test
    void jsonFieldsTestOnlyForNull() {
        assertJson(META.isNull().toJson(), """
                {"meta": {"is_null": true}}""");
    }

    @Test
    void nullIsNotAValueToCompareWith() {
        assertThatThrownBy(() -> TITLE.eq(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("isNull()");
        assertThatThrownBy(() -> STARS.gt(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TITLE.in("a", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("isNull()");
        assertThatThrownBy(() -> DUE.between(LocalDate.EPOCH, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void orderableFieldsMakeSortKeys() {
        assertThat(STARS.desc().toWire()).isEqualTo("stars:desc");
        assertThat(TITLE.asc().toWire()).isEqualTo("title:asc");
        assertThat(DONE.asc().toWire()).isEqualTo("done:asc");
        assertThat(LEVEL.desc().toWire()).isEqualTo("level:desc");
        assertThat(DUE.asc()).isEqualTo(DUE.asc()).isNotEqualTo(DUE.desc());
    }

    @Test
    void criteriaRenderAFreshTreeEachTime() {
        Criterion<Note> criterion = TITLE.eq("a");
        criterion.toJson().put("title", "changed");

        assertJson(criterion.toJson(), """
                {"title": {"eq": "a"}}""");
        assertThat(TITLE.eq("a")).isEqualTo(criterion).hasSameHashCodeAs(criterion);
    }
}
