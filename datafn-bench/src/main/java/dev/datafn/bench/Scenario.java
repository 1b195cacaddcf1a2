package dev.datafn.bench;

import java.net.http.HttpRequest;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One question asked of both sides. Both request builders draw their parameters from the random source
 * in the same order, so the same seed gives the same question to DataFn and to the baseline.
 *
 * @param name        the short name ({@code --only})
 * @param title       what it asks, for the report
 * @param concurrency the concurrent clients
 * @param datafn      builds a request to DataFn
 * @param baseline    builds the same question to the baseline
 */
record Scenario(
        String name,
        String title,
        int concurrency,
        Function<SplittableRandom, HttpRequest> datafn,
        Function<SplittableRandom, HttpRequest> baseline) {

    /** The two implementations under load. */
    enum Side {
        /** DataFn's {@code POST /datafn/query}. */
        DATAFN,
        /** The hand-written handlers. */
        BASELINE;

        /** @return the name used in the report */
        String label() {
            return this == DATAFN ? "DataFn" : "baseline";
        }
    }

    /** @param side a side @return its request builder */
    Function<SplittableRandom, HttpRequest> requests(Side side) {
        return side == Side.DATAFN ? datafn : baseline;
    }
}
