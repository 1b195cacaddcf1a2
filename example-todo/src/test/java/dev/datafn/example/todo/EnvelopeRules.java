package dev.datafn.example.todo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.http.Envelope;
import dev.datafn.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What every answer must be, whatever was asked: never a server error; JSON in the envelope, with an
 * error code and message when refused, also inside the answers that hold an envelope per item (batches,
 * push, transact); and no message that shows how the server is built: stack frames, exception or class
 * names, SQL or the database's own words. Without debug messages, every message is the generic one of
 * its code, so no field name or value is echoed back.
 */
final class EnvelopeRules {

    /** Text only the server's internals write; the fuzz values never contain any of it. */
    private static final List<Pattern> INTERNALS = List.of(
            Pattern.compile("at dev\\."), Pattern.compile("Exception"), Pattern.compile("\\.java:"),
            Pattern.compile("SQLState"), Pattern.compile("org\\.h2"), Pattern.compile("org\\.postgresql"),
            Pattern.compile("(?i)hibernate"), Pattern.compile("(?i)\\bselect\\b.*\\bfrom\\b"),
            Pattern.compile("(?i)\\binsert into\\b"), Pattern.compile("(?i)\\bupdate \\w+ set\\b"),
            Pattern.compile("\\bERROR:"), Pattern.compile("(?i)syntax error"), Pattern.compile("(?i)violat"),
            Pattern.compile("\\b(java|javax|jakarta|com|org|io|dev|sun)\\.[a-z0-9_]+\\."),
            Pattern.compile("\\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+(?:Exception|Error|Feature|Constraints|Impl)\\b"),
            Pattern.compile("`"), Pattern.compile("\\[Source:"), Pattern.compile("@[0-9a-f]{6,}\\b"));

    /** The message each code answers without debug messages. */
    private static final Set<String> GENERIC = genericMessages();

    private EnvelopeRules() {
    }

    /**
     * @param reply the answer
     * @param quiet whether the service answers without debug messages
     * @return the rules the answer breaks, each a short class name for the report; empty when none
     */
    static List<String> broken(JsonHttpClient.Reply reply, boolean quiet) {
        return broken(reply, quiet, "");
    }

    /**
     * The rules, for a request whose own text may hold what only internals write (a fuzzer's bytes may spell
     * {@code Exception} or a backtick): a debug message may quote the client's words back, so a part of a message
     * in quotes that the request holds, as sent or as a decoded JSON string, is not counted as the server's; nor is
     * what a pattern of internals matches when the request holds that very text (a value cut short inside a quote
     * the message opens, say).
     *
     * @param reply   the answer
     * @param quiet   whether the service answers without debug messages
     * @param request the request's body or parameter as sent
     * @return the rules the answer breaks, each a short class name for the report; empty when none
     */
    static List<String> broken(JsonHttpClient.Reply reply, boolean quiet, String request) {
        Echoes echoes = Echoes.of(request);
        List<String> broken = new ArrayList<>();
        if (reply.status() >= 500) {
            broken.add("status " + reply.status());
        }
        JsonNode body = reply.body();
        if (body == null || !body.isObject() || !body.path("ok").isBoolean()) {
            broken.add("not a JSON envelope (status " + reply.status() + ")");
            return broken;
        }
        boolean success = reply.status() >= 200 && reply.status() < 300;
        if (success != body.get("ok").booleanValue()) {
            broken.add("ok is " + body.get("ok") + " with status " + reply.status());
        }
        List<JsonNode> errors = new ArrayList<>();
        collectErrors(body, errors);
        if (!success && (errors.isEmpty() || !body.has("error"))) {
            broken.add("refused without an error object");
        }
        for (JsonNode error : errors) {
            String code = error.path("code").textValue();
            String message = error.path("message").textValue();
            if (code == null || message == null) {
                broken.add("an error without code or message");
                continue;
            }
            if (code.equals(ErrorCode.INTERNAL.name())) {
                broken.add("INTERNAL error in the answer (status " + reply.status() + ")");
            }
            String own = echoes.removedFrom(message);
            for (Pattern internal : INTERNALS) {
                if (internal.matcher(own).results().anyMatch(match -> !echoes.holds(match.group()))) {
                    broken.add("message shows internals /" + internal.pattern() + "/: " + abbreviate(message));
                }
            }
            if (quiet && !GENERIC.contains(message)) {
                broken.add("message not generic without debug: " + abbreviate(message));
            }
        }
        return broken;
    }

    /**
     * @param message an error message
     * @return the patterns of server internals it shows; empty when none
     */
    static List<String> internalsShownBy(String message) {
        return INTERNALS.stream().filter(p -> p.matcher(message).find()).map(Pattern::pattern).toList();
    }

    /** What a request may have quoted back: its text as sent and, when it is JSON, each name and string decoded. */
    private record Echoes(String sent, List<String> texts) {

        static Echoes of(String request) {
            // A byte that is not UTF-8 inside a member name is dropped by the server's JSON parser, and decoded here
            // as U+FFFD: without it, the request's text is what a message can quote back.
            String sent = request.replace("\uFFFD", "");
            List<String> texts = new ArrayList<>();
            try {
                collectTexts(Json.MAPPER.readTree(sent), texts);
            } catch (JsonProcessingException | RuntimeException notJson) {
                // Then only the text as sent can be quoted back, e.g. a token the JSON parser did not expect.
            }
            // Longest first, so that a string holding a shorter one is taken out whole.
            texts.sort(Comparator.comparingInt(String::length).reversed());
            return new Echoes(sent, texts);
        }

        private static void collectTexts(JsonNode node, List<String> texts) {
            if (node == null) {
                return;
            }
            if (node.isTextual()) {
                texts.add(node.textValue());
                // A sort term ("title:desc") is quoted by its field.
                int colon = node.textValue().lastIndexOf(':');
                if (colon > 0) {
                    texts.add(node.textValue().substring(0, colon));
                }
            }
            node.properties().forEach(member -> {
                String key = member.getKey();
                texts.add(key);
                // A dotted filter key ("project.name") is quoted by the part that names the missing field.
                for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
                    texts.add(key.substring(dot + 1));
                }
                collectTexts(member.getValue(), texts);
            });
            if (node.isArray()) {
                node.forEach(item -> collectTexts(item, texts));
            }
        }

        /**
         * @return the message with the request's words taken out where it quotes them: first each whole name or
         *         string in quotes, then any quoted part the request holds (a token the JSON parser names, a
         *         long value cut short)
         */
        String removedFrom(String message) {
            if (sent.isEmpty()) {
                return message;
            }
            String out = message;
            for (String text : texts) {
                out = out.replace("'" + text + "'", "''").replace("\"" + text + "\"", "\"\"");
            }
            return withoutQuotedParts(out);
        }

        /**
         * @return whether the request holds this text (a quoted part, or what a pattern of internals matched), or its
         *         start when the message cut it short; U+FFFD is left out of the comparison, as in {@link #of}
         */
        boolean holds(String quoted) {
            String cut = quoted.endsWith("...") ? quoted.substring(0, quoted.length() - 3)
                    : quoted.endsWith("\u2026") ? quoted.substring(0, quoted.length() - 1) : quoted;
            String part = cut.replace("\uFFFD", "");
            return !sent.isEmpty() && (sent.contains(part) || texts.stream().anyMatch(text -> text.contains(part)));
        }

        private String withoutQuotedParts(String message) {
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < message.length()) {
                char quote = message.charAt(i);
                int end = -1;
                if (quote == '\'' || quote == '"') {
                    for (int j = message.indexOf(quote, i + 1); j > i; j = message.indexOf(quote, j + 1)) {
                        if (holds(message.substring(i + 1, j))) {
                            end = j;
                        }
                    }
                }
                if (end > 0) {
                    out.append("''");
                    i = end + 1;
                } else {
                    out.append(quote);
                    i++;
                }
            }
            return out.toString();
        }
    }

    /** Every error object of the answer: the envelope's and those of each item. */
    private static void collectErrors(JsonNode node, List<JsonNode> errors) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> members = node.fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> m = members.next();
                if (m.getKey().equals("error") && m.getValue().isObject()) {
                    errors.add(m.getValue());
                } else if (!m.getKey().equals("data") && !m.getKey().equals("records") && !m.getKey().equals("details")) {
                    collectErrors(m.getValue(), errors);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> collectErrors(item, errors));
        }
    }

    private static Set<String> genericMessages() {
        Set<String> out = new TreeSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            out.add(Envelope.error(new DataFnException(code, "a detail"), false).at("/error/message").textValue());
        }
        return out;
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
