package dev.datafn.example.todo;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.datafn.config.Limits;
import dev.datafn.json.Json;
import dev.datafn.mutation.prepare.MutationPreparer;
import org.junit.jupiter.api.Tag;

/**
 * Fuzzes the write path short of the database: the body's JSON, the mutation parser and the checks against
 * the example's schema ({@link MutationPreparer#prepare(com.fasterxml.jackson.databind.JsonNode, String)}:
 * operation, record values, relation and guard). Every input is prepared or refused as
 * {@link FuzzTargets#parseOrRefuse} demands. Seeds and kept findings: {@code MutationParserFuzzTestInputs/mutation}.
 */
@Tag("jazzer")
class MutationParserFuzzTest {

    private static final MutationPreparer PREPARER = new MutationPreparer(FuzzTargets.SCHEMA, Limits.DEFAULTS,
            () -> 1_780_000_000_000L);

    /** @param body a {@code POST /datafn/mutation} body */
    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void mutation(byte[] body) {
        FuzzTargets.parseOrRefuse(body, () -> PREPARER.prepare(Json.parse(body, ""), ""));
    }
}
