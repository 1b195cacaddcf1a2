package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.error.DataFnException;
import dev.datafn.http.Envelope;
import dev.datafn.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the Jazzer fuzz targets ({@link DfqlParserFuzzTest}, {@link MutationParserFuzzTest},
 * {@code dev.datafn.sync.SyncRequestFuzzTest}, {@link HttpFuzzTest}) share: how long one fuzzing run lasts,
 * and the property every parser's answer keeps.
 *
 * <p>Public because the sync target lives in {@code dev.datafn.sync}, beside the package-private parsers
 * it calls.
 */
public final class FuzzTargets {

    /**
     * How long each target fuzzes when run with {@code JAZZER_FUZZ=1} (CI's short run, {@code -Ddatafn.fuzz=1});
     * the coverage reached carries over between runs in {@code example-todo/.cifuzz-corpus}, so running again
     * goes on from there. Without {@code JAZZER_FUZZ} a target only replays its inputs directory.
     */
    public static final String MAX_DURATION = "15s";

    /** The example's schema, as the engine serves it: what the parsers check requests against. */
    public static final Schema SCHEMA = Schema.of(TodoAppSchema.INSTANCE);

    private FuzzTargets() {
    }

    /**
     * Runs a parser on fuzzed input: it must either return or refuse with a {@link DataFnException} whose
     * code answers a 4xx, whose message, put in the envelope as the HTTP layer would, keeps
     * {@link EnvelopeRules} (no class names, stack frames or SQL). Any other exception propagates, so the
     * fuzzer reports it as a finding.
     *
     * @param input the fuzzer's input, whose own words the message may quote back
     * @param parse the parser's work on it
     * @throws AssertionError when the refusal breaks a rule
     */
    public static void parseOrRefuse(byte[] input, Runnable parse) {
        try {
            parse.run();
        } catch (DataFnException refused) {
            int status = refused.code().httpStatus();
            JsonNode envelope = Envelope.error(refused, true);
            List<String> broken = EnvelopeRules.broken(new JsonHttpClient.Reply(status, envelope.toString(), envelope),
                    false, new String(input, StandardCharsets.UTF_8));
            if (status < 400 || status >= 500 || !broken.isEmpty()) {
                throw new AssertionError("refused with " + status + " " + envelope + ": " + broken, refused);
            }
        }
    }
}
