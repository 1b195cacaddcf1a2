package dev.datafn.bench;

import java.net.http.HttpRequest;
import java.util.SplittableRandom;

/**
 * One question or write asked of both sides. Both request builders draw their parameters from the random
 * source in the same order, so the same seed gives the same question to DataFn and to the baseline.
 *
 * @param name        the short name ({@code --only})
 * @param title       what it asks, for the report
 * @param concurrency the concurrent clients
 * @param records     the records each request writes; 0 for a read
 * @param datafn      builds a request to DataFn
 * @param baseline    builds the same question to the baseline
 */
record Scenario(
        String name,
        String title,
        int concurrency,
        int records,
        Requests datafn,
        Requests baseline) {

    /**
     * A read scenario.
     *
     * @param name        the short name
     * @param title       what it asks
     * @param concurrency the concurrent clients
     * @param datafn      builds a request to DataFn
     * @param baseline    builds the same question to the baseline
     * @return the scenario
     */
    static Scenario read(String name, String title, int concurrency, Requests datafn, Requests baseline) {
        return new Scenario(name, title, concurrency, 0, datafn, baseline);
    }

    /** @return whether the scenario writes (its report counts records) */
    boolean writes() {
        return records > 0;
    }

    /** Builds the next request of one load client. */
    @FunctionalInterface
    interface Requests {
        /**
         * @param client the client's number, from 0 to the scenario's concurrency - 1 (writers use it to pick
         *               their namespace and idempotency client id)
         * @param random the client's random source
         * @return the request
         */
        HttpRequest next(int client, SplittableRandom random);
    }

    /** The two implementations under load. */
    enum Side {
        /** DataFn's endpoints under {@code /datafn}. */
        DATAFN,
        /** The hand-written handlers under {@code /baseline}. */
        BASELINE;

        /** @return the name used in the report */
        String label() {
            return this == DATAFN ? "DataFn" : "baseline";
        }
    }

    /** @param side a side @return its request builder */
    Requests requests(Side side) {
        return side == Side.DATAFN ? datafn : baseline;
    }
}
