package dev.datafn.sync;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.access.Access;
import dev.datafn.config.Limits;
import dev.datafn.example.todo.FuzzTargets;
import dev.datafn.json.Json;
import dev.datafn.json.JsonReader;
import java.util.Set;
import org.junit.jupiter.api.Tag;

/**
 * Fuzzes the sync requests' parsers short of the database, each input read both as a clone request
 * ({@link CloneRequest#parse}: tables, page size, continuation) and as a pull request's version and cursors
 * ({@link SyncRequests}, {@link SyncCursors}), against the example's schema. Every input is read or refused
 * as {@link FuzzTargets#parseOrRefuse} demands. In this package because the parsers are package-private.
 * Seeds and kept findings: {@code SyncRequestFuzzTestInputs/syncRequest} under the test resources.
 */
@Tag("jazzer")
class SyncRequestFuzzTest {

    /** The members of a pull request, as the puller allows them. */
    private static final Set<String> PULL_MEMBERS = Set.of("version", "cursors", "limit");

    /** @param body a {@code POST /datafn/clone} or {@code /pull} body */
    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void syncRequest(byte[] body) {
        FuzzTargets.parseOrRefuse(body, () -> CloneRequest.parse(FuzzTargets.SCHEMA, Limits.DEFAULTS,
                Access.unrestricted(), Json.parse(body, "")));
        FuzzTargets.parseOrRefuse(body, () -> {
            JsonReader in = JsonReader.of(Json.parse(body, ""), "", PULL_MEMBERS);
            SyncRequests.checkVersion(in);
            JsonNode cursors = in.get("cursors");
            SyncRequests.cursors(FuzzTargets.SCHEMA, Access.unrestricted(), cursors, in.pathOf("cursors"));
        });
    }
}
