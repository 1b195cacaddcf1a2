package dev.datafn.example.todo;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.datafn.config.Limits;
import dev.datafn.json.Json;
import dev.datafn.query.parse.QueryParser;
import dev.datafn.query.plan.QueryPlanner;
import org.junit.jupiter.api.Tag;

/**
 * Fuzzes the DFQL read path short of the database, as {@code QueryRunner.plan} runs it: the body's JSON,
 * {@link QueryParser}, then {@link QueryPlanner} against the example's schema. Every input is planned or
 * refused as {@link FuzzTargets#parseOrRefuse} demands. The seed corpus (the README's and the tests' queries)
 * and any kept finding are in {@code DfqlParserFuzzTestInputs/query} under the test resources.
 */
@Tag("jazzer")
class DfqlParserFuzzTest {

    private static final QueryParser PARSER = new QueryParser(Limits.DEFAULTS);
    private static final QueryPlanner PLANNER = new QueryPlanner(FuzzTargets.SCHEMA, Limits.DEFAULTS);

    /** @param body a {@code POST /datafn/query} body */
    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void query(byte[] body) {
        FuzzTargets.parseOrRefuse(body, () -> PLANNER.plan(PARSER.parse(Json.parse(body, ""), ""), ""));
    }
}
