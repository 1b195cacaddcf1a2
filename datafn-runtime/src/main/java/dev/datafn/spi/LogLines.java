package dev.datafn.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The two line formats of {@link DataFnLogger}. */
final class LogLines {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private LogLines() {
    }

    /** @param entry the entry @return it as one JSON object on one line */
    static String json(DataFnLogger.Entry entry) {
        ObjectNode line = Json.object();
        line.put("time", entry.time().toString());
        line.put("level", entry.level());
        line.put("event", entry.event());
        for (Map.Entry<String, Object> field : entry.fields().entrySet()) {
            line.set(field.getKey(), Json.MAPPER.valueToTree(field.getValue()));
        }
        return line.toString();
    }

    /** @param entry the entry @return it as a line for a person to read */
    static String readable(DataFnLogger.Entry entry) {
        StringBuilder line = new StringBuilder(CLOCK.format(entry.time())).append(' ')
                .append(String.format("%-5s", entry.level())).append(' ').append(entry.event());
        entry.fields().forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        return line.toString();
    }
}
