package dev.datafn.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Request bodies that are not one well-formed JSON value, refused with where and what in the client's terms. */
class JsonTest {

    @Test
    void syntaxErrorsSayWhereAndWhatWithoutTheParsersOwnNames() {
        String[][] cases = {
            {"{\"a\": " + "[".repeat(100) + "]".repeat(100) + "}", "nested more than 64 levels deep"},
            {"{\"version\": " + "9".repeat(2_000) + "}", "a number with too many digits"},
            {"{\"version\": 1e9999999999}", "a number too large to read"},
            {"{\"version\": NaN}", "Non-standard token 'NaN'"},
            {"{\"version\": +1}", "plus signs"},
            {"{\"resource\": \"todos\"", "expected close marker for Object"},
            {"[1, 2", "expected close marker for Array"},
            {"/* note */ {}", "Unexpected character ('/'"},
            {"{'resource': 1}", "Unexpected character ('''"},
            {"{\"a\": \"x\u0001\"}", "Illegal unquoted character"},
            {"{\"a\": 1, \"a\": 2}", "Duplicate field 'a'"}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> Json.parse(c[0].getBytes(StandardCharsets.UTF_8), "q"))
                    .as(c[0].length() > 60 ? c[0].substring(0, 60) : c[0])
                    .isInstanceOfSatisfying(DataFnException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.DFQL_INVALID);
                        assertThat(e.path()).isEqualTo("q");
                        assertThat(e.getMessage()).startsWith("malformed JSON").contains(c[1])
                                .doesNotContain("`").doesNotContain("Source").doesNotContain("Feature")
                                .doesNotContain("Constraints").doesNotContain("enable");
                    });
        }
    }

    @Test
    void syntaxErrorsSayTheirLineAndColumn() {
        assertThatThrownBy(() -> Json.parse("{\n  \"a\": tru\n}".getBytes(StandardCharsets.UTF_8), ""))
                .isInstanceOfSatisfying(DataFnException.class, e ->
                        assertThat(e.getMessage()).startsWith("malformed JSON at line 2, column "));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAsMalformed() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'};
        assertThatThrownBy(() -> Json.parse(body, ""))
                .isInstanceOfSatisfying(DataFnException.class, e ->
                        assertThat(e.getMessage()).startsWith("malformed JSON").doesNotContain("`"));
    }
}
