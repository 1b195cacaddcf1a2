package dev.datafn.http;

import dev.datafn.spi.DataFnLogger;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes the {@code fault} entry of a request that failed on the server's side, through the same
 * {@link DataFnLogger} as the access line: action, resource, status, error code, request id (also on the
 * access line and in the {@code X-Request-Id} header, to find one from the other), the exception's type,
 * and for a server fault (500) its stack trace within a {@link StackTraceBudget}. A request stopped by
 * shutdown gets a {@code WARN} entry without a trace: it is expected, and its caller was told to retry.
 * Client faults (refusals, aborted uploads, callers that hung up) get no fault entry: their access line
 * says it all.
 *
 * <p>Exception messages may quote SQL values, so a record's contents; they are written only with
 * {@code debug} on (development), and production traces carry types and frames alone.
 */
final class FaultLog {

    /** The frames written per exception in a trace; Hibernate's run to hundreds. */
    private static final int MAX_FRAMES = 40;

    private final DataFnLogger logger;
    private final StackTraceBudget budget;
    private final boolean withMessages;

    /**
     * @param logger       where the entries go
     * @param budget       how many stack traces may be written
     * @param withMessages whether traces carry exception messages
     */
    FaultLog(DataFnLogger logger, StackTraceBudget budget, boolean withMessages) {
        this.logger = logger;
        this.budget = budget;
        this.withMessages = withMessages;
    }

    /**
     * Writes the fault entry of a request, if it had a fault.
     *
     * @param request the finished request
     * @param event   its timing event (action, resource, status)
     */
    void log(RequestObservation request, TimingEvent event) {
        for (Throwable itemFault : request.itemFaults()) {
            log(request, event, itemFault, true);
        }
        if (request.failure() != null && request.serverSide()) {
            log(request, event, request.failure(), false);
        }
    }

    private void log(RequestObservation request, TimingEvent event, Throwable failure, boolean item) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", event.action());
        if (event.resource() != null) {
            fields.put("resource", event.resource());
        }
        fields.put("status", event.status());
        // An item of a batch failed while the request was answered: the item's error, not the request's.
        fields.put("error", item ? "INTERNAL" : request.error());
        if (item) {
            fields.put("item", true);
        }
        fields.put("requestId", request.requestId());
        fields.put("exception", failure.getClass().getName());
        boolean serverFault = item || event.status() >= 500 && event.status() != 503;
        if (serverFault) {
            long leftOut = budget.take();
            if (leftOut < 0) {
                fields.put("stackTrace", "left out: more than " + StackTraceBudget.DEFAULT_PER_WINDOW
                        + " a minute");
            } else {
                if (leftOut > 0) {
                    fields.put("tracesLeftOut", leftOut);
                }
                fields.put("stackTrace", trace(failure, withMessages));
            }
        }
        logger.log(new DataFnLogger.Entry(Instant.now(), serverFault ? "ERROR" : "WARN", "fault", fields));
    }

    /**
     * @param failure      the exception
     * @param withMessages whether to write each exception's message
     * @return its stack trace, causes included, each exception's frames cut at {@value #MAX_FRAMES}
     */
    static String trace(Throwable failure, boolean withMessages) {
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t != failure) {
                out.append("Caused by: ");
            }
            out.append(t.getClass().getName());
            if (withMessages && t.getMessage() != null) {
                out.append(": ").append(t.getMessage());
            }
            out.append('\n');
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
                out.append("\tat ").append(frames[i]).append('\n');
            }
            if (frames.length > MAX_FRAMES) {
                out.append("\t... ").append(frames.length - MAX_FRAMES).append(" more\n");
            }
        }
        return out.toString();
    }
}
