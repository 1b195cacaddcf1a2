package dev.datafn.http;

import dev.datafn.spi.DataFnLogger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Who hears how each request went: the timing listeners, which get a {@link TimingEvent}, and the logger,
 * which gets one access line, and a {@code fault} entry after it when the request failed on the server's
 * side (see {@link FaultLog}). A listener or logger that throws is logged and ignored: watching a request
 * never changes its answer.
 */
final class RequestObservers {

    private static final System.Logger LOG = System.getLogger(RequestObservers.class.getName());

    private final List<Consumer<TimingEvent>> listeners;
    private final DataFnLogger logger;
    private final FaultLog faults;

    /**
     * @param listeners the timing listeners, in order
     * @param logger    the access log, or {@code null} for none (faults then go to
     *                  {@link DataFnLogger#system()}, so a server fault is never silent)
     * @param debug     whether fault traces may carry exception messages
     */
    RequestObservers(List<Consumer<TimingEvent>> listeners, DataFnLogger logger, boolean debug) {
        this.listeners = List.copyOf(listeners);
        this.logger = logger;
        this.faults = new FaultLog(logger == null ? DataFnLogger.system() : logger, new StackTraceBudget(), debug);
    }

    /**
     * @param action the protocol action
     * @return the observation of a request starting now; phases are timed only when a listener wants them
     */
    RequestObservation start(String action) {
        return new RequestObservation(action, !listeners.isEmpty());
    }

    /**
     * Tells the listeners and the logger how the request went.
     *
     * @param observation the finished request's observation
     */
    void finish(RequestObservation observation) {
        TimingEvent event = observation.finish();
        for (Consumer<TimingEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a timing listener failed; the request was answered", e);
            }
        }
        try {
            if (logger != null) {
                logger.log(accessEntry(event, observation));
            }
            faults.log(observation, event);
        } catch (RuntimeException e) {
            // The logger itself failed, so it cannot say so.
            LOG.log(System.Logger.Level.WARNING, "the DataFn logger failed; the request was answered", e);
        }
    }

    /** The access line: names and numbers only, so nothing of the caller's data or credentials. */
    private static DataFnLogger.Entry accessEntry(TimingEvent event, RequestObservation observation) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", event.action());
        if (event.resource() != null) {
            fields.put("resource", event.resource());
        }
        if (event.namespaceHash() != null) {
            fields.put("namespace", event.namespaceHash());
        }
        fields.put("status", event.status());
        fields.put("durationMs", event.totalMicros() / 1000.0);
        if (event.rows() >= 0) {
            fields.put("rows", event.rows());
        }
        if (observation.error() != null) {
            fields.put("error", observation.error());
        }
        fields.put("requestId", observation.requestId());
        String level = event.status() >= 500 ? "ERROR" : event.status() >= 400 ? "WARN" : "INFO";
        return new DataFnLogger.Entry(Instant.now(), level, "access", fields);
    }
}
