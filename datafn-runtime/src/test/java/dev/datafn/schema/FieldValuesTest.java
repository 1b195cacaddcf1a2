package dev.datafn.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Values read from JSON as what their column stores, or refused with their path. */
class FieldValuesTest {

    private static final FieldSchema DUE = FieldSchema.builder("dueAt", FieldType.DATETIME).build();

    @Test
    void dateTimesOutsideTheSupportedYearsAreRefusedWithTheirPath() {
        for (String extreme : new String[] {"+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59.999999999Z", "-999999999-01-01T00:00:00+18:00", "+10000-01-01T00:00:00Z",
            "0000-12-31T23:59:59.999999Z", "9999-12-31T23:00:00-01:00"}) {
            assertThatThrownBy(() -> FieldValues.fromJson(DUE, JsonNodeFactory.instance.textNode(extreme), "record.dueAt"))
                    .as(extreme)
                    .isInstanceOfSatisfying(DataFnException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.DFQL_INVALID);
                        assertThat(e.path()).isEqualTo("record.dueAt");
                        assertThat(e.getMessage()).contains("years 1 to 9999");
                    });
        }
    }

    @Test
    void theFirstAndLastSupportedInstantsAreKept() {
        assertThat(FieldValues.fromJson(DUE, JsonNodeFactory.instance.textNode("0001-01-01T00:00:00Z"), "v"))
                .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(FieldValues.fromJson(DUE, JsonNodeFactory.instance.textNode("9999-12-31T23:59:59.9999999Z"), "v"))
                .isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
    }

    @Test
    void textWithHalfASurrogatePairIsRefusedAndWholePairsAreKept() {
        for (String half : new String[] {"\uD800", "a\uDC00", "\uDE00\uD83D", "x\uD83D"}) {
            assertThatThrownBy(() -> FieldValues.storableText(half, "record.title")).as(half)
                    .isInstanceOfSatisfying(DataFnException.class, e -> {
                        assertThat(e.path()).isEqualTo("record.title");
                        assertThat(e.getMessage()).contains("unpaired surrogate");
                    });
        }
        assertThat(FieldValues.storableText("x\uD83D\uDE00y", "v")).isEqualTo("x\uD83D\uDE00y");
    }

    @Test
    void aLongValueQuotedInARefusalIsCutBetweenCharactersNeverInsideAPair() {
        FieldSchema day = FieldSchema.builder("dueDate", FieldType.DATE).build();
        String value = "x".repeat(39) + "\uD83D\uDE00" + "tail";
        assertThatThrownBy(() -> FieldValues.fromJson(day, JsonNodeFactory.instance.textNode(value), "record.dueDate"))
                .isInstanceOfSatisfying(DataFnException.class, e -> {
                    assertThat(e.getMessage()).contains("x".repeat(39) + "...");
                    assertThat(e.getMessage().codePoints().filter(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)).isEmpty();
                });
        String whole = "x".repeat(38) + "\uD83D\uDE00" + "tail";
        assertThatThrownBy(() -> FieldValues.fromJson(day, JsonNodeFactory.instance.textNode(whole), "record.dueDate"))
                .isInstanceOfSatisfying(DataFnException.class,
                        e -> assertThat(e.getMessage()).contains("x".repeat(38) + "\uD83D\uDE00..."));
    }
}
