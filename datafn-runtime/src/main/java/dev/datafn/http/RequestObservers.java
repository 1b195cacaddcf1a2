package dev.datafn.http;

import dev.datafn.spi.DataFnLogger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Who hears how each request went: the timing listeners, which get a {@link TimingEvent}, and the logger,
 * which gets one access line. A listener or logger that throws is logged and ignored: watching a request
 * never changes its answer.
 */
final class RequestObservers {

    private static final System.Logger LOG = System.getLogger(RequestObservers.class.getName());

    private final List<Consumer<TimingEvent>> listeners;
    private final DataFnLogger logger;

    /**
     * @param listeners the timing listeners, in order
     * @param logger    the access log, or {@code null} for none
     */
    RequestObservers(List<Consumer<TimingEvent>> listeners, DataFnLogger logger) {
        this.listeners = List.copyOf(listeners);
        this.logger = logger;
    }

    /** @return whether nobody listens, so requests are not observed at all */
    boolean quiet() {
        return listeners.isEmpty() && logger == null;
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
        if (logger != null) {
            try {
                logger.log(accessEntry(event));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the DataFn logger failed; the request was answered", e);
            }
        }
    }

    /** The access line: names and numbers only, so nothing of the caller's data or credentials. */
    private static DataFnLogger.Entry accessEntry(TimingEvent event) {
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
        String level = event.status() >= 500 ? "ERROR" : event.status() >= 400 ? "WARN" : "INFO";
        return new DataFnLogger.Entry(Instant.now(), level, "access", fields);
    }
}
