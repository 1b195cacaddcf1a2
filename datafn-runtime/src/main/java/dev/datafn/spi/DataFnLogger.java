package dev.datafn.spi;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where DataFn writes its operational log (seed 000's {@code logger}): one access line per request and
 * the events an operator acts on. Entries carry only what the engine chose to put in them: actions,
 * resource names, namespace hashes, statuses, durations and counts; never a token, a secret, a raw
 * namespace or a record's contents.
 *
 * <p>{@link #json} writes one JSON object a line, for production log shippers; {@link #readable} writes
 * one aligned line for a developer's terminal. Both write to any sink, e.g. {@code System.out::println}.
 */
@FunctionalInterface
public interface DataFnLogger {

    /**
     * Writes one entry. Called on the request's thread after its answer is sent: it must not block long.
     *
     * @param entry the entry
     */
    void log(Entry entry);

    /**
     * One log entry.
     *
     * @param time   when it happened
     * @param level  {@code INFO}, {@code WARN} or {@code ERROR}
     * @param event  what happened, e.g. {@code access}
     * @param fields its details, in order
     */
    record Entry(Instant time, String level, String event, Map<String, Object> fields) {

        /** Keeps the fields in the order given and copies them. */
        public Entry {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /**
     * @param sink receives each line
     * @return a logger writing one JSON object a line: {@code {"time":..,"level":..,"event":..,<fields>}}
     */
    static DataFnLogger json(Consumer<String> sink) {
        return entry -> sink.accept(LogLines.json(entry));
    }

    /**
     * @param sink receives each line
     * @return a logger writing readable lines: {@code 12:00:01.250 INFO  access action=query status=200 ...}
     */
    static DataFnLogger readable(Consumer<String> sink) {
        return entry -> sink.accept(LogLines.readable(entry));
    }

    /**
     * @return the default: readable lines through {@link System.Logger} {@code dev.datafn.access}, so the
     *     application's logging setup decides where they go. Access lines are logged at {@code DEBUG}
     *     (JUL {@code FINE}), so a default setup does not print one line per request; other entries at
     *     their level
     */
    static DataFnLogger system() {
        System.Logger log = System.getLogger("dev.datafn.access");
        return entry -> log.log("access".equals(entry.event()) ? System.Logger.Level.DEBUG : switch (entry.level()) {
            case "ERROR" -> System.Logger.Level.ERROR;
            case "WARN" -> System.Logger.Level.WARNING;
            default -> System.Logger.Level.INFO;
        }, () -> LogLines.readable(entry));
    }
}
