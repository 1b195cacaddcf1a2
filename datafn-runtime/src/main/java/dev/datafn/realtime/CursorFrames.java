package dev.datafn.realtime;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import java.util.Collection;

/** The text frames the server sends on a live connection. */
final class CursorFrames {

    private CursorFrames() {
    }

    /** @return {@code {"type":"hello","serverSeq":n,"heartbeatIntervalMs":ms}} */
    static String hello(long serverSeq, long heartbeatIntervalMs) {
        ObjectNode frame = Json.object().put("type", "hello").put("serverSeq", serverSeq);
        return frame.put("heartbeatIntervalMs", heartbeatIntervalMs).toString();
    }

    /**
     * Written by hand rather than through a {@code JsonNode}: one frame goes to every live client of the
     * namespace after each of its commits, and a node's {@code toString()} sets up a whole JSON generator
     * each time, which made up most of the server's cost of a broadcast.
     *
     * @return {@code {"type":"cursor","serverSeq":n,"resources":[...]}}
     */
    static String cursor(long serverSeq, Collection<String> resources) {
        StringBuilder frame = new StringBuilder(48 + 16 * resources.size())
                .append("{\"type\":\"cursor\",\"serverSeq\":").append(serverSeq).append(",\"resources\":[");
        String separator = "";
        for (String name : resources) {
            frame.append(separator).append('"');
            JsonStringEncoder.getInstance().quoteAsString(name, frame);
            frame.append('"');
            separator = ",";
        }
        return frame.append("]}").toString();
    }

    /** @return {@code {"type":"pong"}} */
    static String pong() {
        return "{\"type\":\"pong\"}";
    }

    /** @return an error frame in the envelope's error shape: {@code {"type":"error","error":{code,message,path}}} */
    static String error(String code, String message, String path) {
        ObjectNode frame = Json.object().put("type", "error");
        frame.putObject("error").put("code", code).put("message", message).put("path", path);
        return frame.toString();
    }
}
