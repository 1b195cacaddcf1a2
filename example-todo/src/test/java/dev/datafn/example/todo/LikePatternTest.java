package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.DataFnBuilder;
import dev.datafn.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Pattern operators on every database: a {@code like} pattern with many {@code %} runs over a long value
 * is answered at once (H2's own LIKE backtracks over every split of the value: 42 s for one
 * 1,000-character note, far longer for the 4,000 characters here), with the same rows as PostgreSQL; and
 * {@code %} and {@code _} in the operands of {@code contains}, {@code startswith} and {@code endswith}
 * match only themselves.
 */
@OnEveryDatabase
class LikePatternTest extends AbstractServedTest {

    /** A safety net only: the statements below are bounded by how they evaluate, asserted first. */
    private static final Duration SAFETY_NET = Duration.ofSeconds(20);

    private final StatementCounter statements = new StatementCounter();

    @Override
    protected DataFnBuilder engine(DataFnBuilder engine) {
        return engine.hibernateProperty("hibernate.session_factory.statement_inspector", statements);
    }

    @BeforeParameterizedClassInvocation
    void seed() {
        insert("long", "a".repeat(4_000));
        insert("mixed", "Buy 100% oat_milk \\ now");
        insert("plain", "Buy 100 oats, milk");
        insert("upper", "OAT_MILK 50%");
        insert("emoji", "x\uD83D\uDE00y");
        insert("dotted", "\u0130stanbul");
    }

    @Test
    void adversarialPatternsOverALongValueAreAnsweredByALinearMatcher() {
        for (String op : new String[] {"like", "ilike"}) {
            assertTimeoutPreemptively(SAFETY_NET, () -> {
                statements.drain();
                assertThat(ids("{\"notes\": {\"" + op + "\": \"%a%a%a%b\"}}")).as(op).isEmpty();
                assertThat(statements.drain()).as(op).singleElement().satisfies(sql -> {
                    // On H2 the pattern goes to DataFn's matcher instead of H2's backtracking LIKE.
                    assertThat(sql.toLowerCase(Locale.ROOT).contains("datafn_like("))
                            .as(sql).isEqualTo(testDatabase() == TestDatabase.H2);
                });
                assertThat(ids("{\"notes\": {\"" + op + "\": \"%a%a%a%a\"}}")).as(op).containsExactly("long");
                assertThat(ids("{\"notes\": {\"" + op + "\": \"%_a%a_%a%a%_\"}}")).as(op).containsExactly("long");
                assertThat(ids("{\"notes\": {\"" + op + "\": \"a%a%a%" + "_".repeat(994) + "\"}}")).as(op)
                        .containsExactly("long");
                assertThat(ids("{\"notes\": {\"" + op + "\": \"%a%a%a" + "_".repeat(994) + "\"}}")).as(op)
                        .containsExactly("long");
            });
        }
    }

    @Test
    void patternOperandsHoldAtMostAThousandCharacters() {
        for (String op : new String[] {"like", "ilike", "contains", "startswith", "endswith", "istartswith",
            "iendswith", "$like"}) {
            assertThat(ids("{\"notes\": {\"" + op + "\": \"" + "b".repeat(1_000) + "\"}}")).as(op).isEmpty();
            JsonHttpClient.Reply refused = client.post("/query", "{\"resource\": \"todos\", \"version\": 1, "
                    + "\"filters\": {\"notes\": {\"" + op + "\": \"" + "a".repeat(1_001) + "\"}}}");
            assertThat(refused.status()).as(op + ": " + refused.raw()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("DFQL_INVALID");
            assertThat(refused.errorPath()).isEqualTo("filters.notes." + op);
            assertThat(refused.errorMessage()).contains("1000 characters");
        }
    }

    @Test
    void patternsWithManyWildcardsMatchAsSqlLikeDoes() {
        assertThat(ids("{\"notes\": {\"like\": \"Buy%0%o%_m%k%\"}}")).containsExactly("mixed", "plain");
        assertThat(ids("{\"notes\": {\"like\": \"%oat%milk%w\"}}")).containsExactly("mixed");
        assertThat(ids("{\"notes\": {\"like\": \"%OAT%MILK%\"}}")).containsExactly("upper");
        assertThat(ids("{\"notes\": {\"ilike\": \"%oat%milk%\"}}")).containsExactly("mixed", "plain", "upper");
        // A backslash is an ordinary character of a like pattern, not an escape.
        assertThat(ids("{\"notes\": {\"like\": \"%k%\\\\%w\"}}")).containsExactly("mixed");
        assertThat(ids("{\"notes\": {\"like\": \"%\\\\%\"}}")).containsExactly("mixed");
    }

    @Test
    void oneUnderscoreIsOneCharacterOutsideTheBasicPlaneToo() {
        assertThat(ids("{\"notes\": {\"like\": \"x_y\"}}")).containsExactly("emoji");
        assertThat(ids("{\"notes\": {\"ilike\": \"X_Y\"}}")).containsExactly("emoji");
        assertThat(ids("{\"notes\": {\"like\": \"x__y\"}}")).isEmpty();
        assertThat(ids("{\"notes\": {\"like\": \"%\uD83D\uDE00_\"}}")).containsExactly("emoji");
    }

    @Test
    void caseInsensitiveOperatorsMatchAValueWithItselfWhateverItsCaseMapping() {
        // U+0130 (capital I with dot above) lowers to "i" on PostgreSQL and to "i" plus a combining dot in
        // Java and H2; the operand was lowered in Java and the value by the database, so on PostgreSQL the
        // value did not match itself. Both are lowered by the database now.
        for (String op : new String[] {"ilike", "istartswith", "iendswith"}) {
            assertThat(ids("{\"notes\": {\"" + op + "\": \"\u0130stanbul\"}}")).as(op).containsExactly("dotted");
            assertThat(ids("{\"notes\": {\"" + op + "\": \"\u0130STANBUL\"}}")).as(op).containsExactly("dotted");
        }
        assertThat(ids("{\"notes\": {\"istartswith\": \"\u0130st\"}}")).containsExactly("dotted");
        assertThat(ids("{\"notes\": {\"ilike\": \"%\u0130_tan%\"}}")).containsExactly("dotted");
    }

    @Test
    void wildcardsInLiteralOperandsMatchOnlyThemselves() {
        assertThat(ids("{\"notes\": {\"contains\": \"0%\"}}")).containsExactly("mixed", "upper");
        assertThat(ids("{\"notes\": {\"contains\": \"0% \"}}")).containsExactly("mixed");
        assertThat(ids("{\"notes\": {\"contains\": \"_\"}}")).containsExactly("mixed", "upper");
        assertThat(ids("{\"notes\": {\"contains\": \"%\"}}")).containsExactly("mixed", "upper");
        assertThat(ids("{\"notes\": {\"contains\": \"oat_m\"}}")).containsExactly("mixed");
        assertThat(ids("{\"notes\": {\"contains\": \"\\\\\"}}")).containsExactly("mixed");
        assertThat(ids("{\"notes\": {\"startswith\": \"%\"}}")).isEmpty();
        assertThat(ids("{\"notes\": {\"startswith\": \"_uy\"}}")).isEmpty();
        assertThat(ids("{\"notes\": {\"startswith\": \"Buy 100%\"}}")).containsExactly("mixed");
        assertThat(ids("{\"notes\": {\"endswith\": \"50%\"}}")).containsExactly("upper");
        assertThat(ids("{\"notes\": {\"endswith\": \"_\"}}")).isEmpty();
        assertThat(ids("{\"notes\": {\"istartswith\": \"oat_\"}}")).containsExactly("upper");
        assertThat(ids("{\"notes\": {\"istartswith\": \"oat%\"}}")).isEmpty();
        assertThat(ids("{\"notes\": {\"iendswith\": \"%MILK 50%\"}}")).isEmpty();
        assertThat(ids("{\"notes\": {\"iendswith\": \"_milk 50%\"}}")).containsExactly("upper");
    }

    private void insert(String id, String notes) {
        JsonHttpClient.Reply reply = client.post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "insert",
                 "record": {"id": "%s", "title": "x", "notes": "%s"}}""".formatted(id, notes.replace("\\", "\\\\")));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    }

    private List<String> ids(String filters) {
        JsonHttpClient.Reply reply = client.post("/query", "{\"resource\": \"todos\", \"version\": 1, "
                + "\"select\": [\"id\"], \"sort\": [\"id:asc\"], \"filters\": " + filters + "}");
        assertThat(reply.status()).as(filters + ": " + reply.raw()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode row : reply.body().at("/result/data")) {
            out.add(row.get("id").textValue());
        }
        return out;
    }
}
