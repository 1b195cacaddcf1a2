package dev.datafn.realtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
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

    /** @return {@code {"type":"cursor","serverSeq":n,"resources":[...]}} */
    static String cursor(long serverSeq, Collection<String> resources) {
        ObjectNode frame = Json.object().put("type", "cursor").put("serverSeq", serverSeq);
        ArrayNode names = frame.putArray("resources");
        resources.forEach(names::add);
        return frame.toString();
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
