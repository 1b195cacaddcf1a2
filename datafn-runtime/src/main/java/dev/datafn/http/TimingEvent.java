package dev.datafn.http;

import java.util.Map;

/**
 * How one request went and where its time went (seed 000's {@code observability.onTiming} event): given
 * to every {@linkplain DataFnHttp.Builder#onTiming timing listener} once the answer is sent.
 *
 * <p>Phases, in microseconds, each present only when the request reached it: {@code parse} (the body and
 * the DFQL in it), {@code authorize} (authentication, namespace, rate limit and the authorizer),
 * {@code plan}, {@code execute} (reads) or {@code validate}, {@code write}, {@code sequence},
 * {@code commit} (writes), and {@code serialize} (the envelope onto the wire). A query batch is parsed and
 * planned item by item before its items run, so its {@code parse} and {@code plan} are apart from its
 * {@code execute}; a streamed clone's database reads are {@code execute} and the writing between them
 * {@code serialize}. They do not overlap, so their sum is at most {@code totalMicros}.
 *
 * @param action        the protocol action, e.g. {@code query}, {@code mutation}, {@code clone}
 * @param resource      the resource the request names, or {@code null} when it names none or several
 * @param namespaceHash a short hash of the caller's namespace, never the namespace itself; {@code null}
 *                      when the request was refused before its namespace was known
 * @param status        the HTTP status answered; 499 when the caller went away first (an aborted upload,
 *                      a client that hung up during a stream), and 500 for a stream cut by a server fault
 * @param totalMicros   from the pipeline's first step to the answer sent
 * @param rows          how many records the answer carries or the request wrote, or -1 when not counted
 * @param phases        phase name to microseconds
 */
public record TimingEvent(String action, String resource, String namespaceHash, int status, long totalMicros,
        long rows, Map<String, Long> phases) {

    /** Copies the phases so the event cannot change after it is sent. */
    public TimingEvent {
        phases = Map.copyOf(phases);
    }
}
