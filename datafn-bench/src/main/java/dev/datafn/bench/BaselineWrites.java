package dev.datafn.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The hand-written baseline of the write scenarios: Helidon SE handlers that take DataFn's own mutation
 * JSON (so both sides parse the same bytes), check it by hand, and write through {@link TodoWrites}.
 *
 * <pre>
 * POST /todos        one idempotent todo insert
 *                    → {"ok": true, "result": {...}}
 * POST /todos/batch  an array of inserts, in one transaction
 *                    → {"ok": true, "result": [{"ok": true, "result": {...}}, ...]}
 * </pre>
 *
 * Each result has DataFn's shape, {@code ok, mutationId, affectedIds, errors, deduped, serverSeq}, and a
 * batch answers each in its own envelope, as DataFn's mutation array does. The namespace comes from the
 * {@value Bench#NAMESPACE_HEADER} header, as it does for DataFn in this benchmark.
 */
final class BaselineWrites implements HttpService {

    /** The most inserts of one batch, DataFn's {@code maxBatchSize}. */
    static final int MAX_BATCH = 500;

    private static final int MAX_BODY_BYTES = 5 * 1024 * 1024;
    private static final int MAX_TITLE = 200;
    private static final int MAX_KEY = 255;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-:.]{1,255}");

    private final TodoWrites writes;
    private final ObjectMapper json;

    /**
     * @param writes the data access
     * @param json   the JSON mapper (with Java time support)
     */
    BaselineWrites(TodoWrites writes, ObjectMapper json) {
        this.writes = writes;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/todos/batch", this::batch)
                .post("/todos", this::one);
    }

    private void one(ServerRequest req, ServerResponse res) throws SQLException, IOException {
        try {
            TodoWrites.Insert insert = parse(json.readTree(body(req)));
            send(res, Status.OK_200, ok(writes.result(writes.insert(namespace(req), insert))));
        } catch (Invalid | JsonProcessingException e) {
            send(res, Status.BAD_REQUEST_400, error("VALIDATION_FAILED", e.getMessage()));
        } catch (TodoWrites.DuplicateId e) {
            send(res, Status.CONFLICT_409, error("CONFLICT", e.getMessage()));
        } catch (TodoWrites.KeyReused e) {
            send(res, Status.CONFLICT_409, error("IDEMPOTENCY_KEY_REUSED", e.getMessage()));
        }
    }

    private void batch(ServerRequest req, ServerResponse res) throws SQLException, IOException {
        try {
            JsonNode all = json.readTree(body(req));
            if (!all.isArray() || all.isEmpty() || all.size() > MAX_BATCH) {
                throw new Invalid("the body is an array of 1 to " + MAX_BATCH + " inserts");
            }
            List<TodoWrites.Insert> inserts = new ArrayList<>(all.size());
            for (JsonNode m : all) {
                inserts.add(parse(m));
            }
            ArrayNode results = json.createArrayNode();
            for (TodoWrites.Outcome o : writes.insertAll(namespace(req), inserts)) {
                results.add(ok(writes.result(o)));
            }
            send(res, Status.OK_200, ok(results));
        } catch (Invalid | JsonProcessingException e) {
            send(res, Status.BAD_REQUEST_400, error("VALIDATION_FAILED", e.getMessage()));
        } catch (TodoWrites.DuplicateId e) {
            send(res, Status.CONFLICT_409, error("CONFLICT", e.getMessage()));
        } catch (TodoWrites.KeyReused e) {
            send(res, Status.CONFLICT_409, error("IDEMPOTENCY_KEY_REUSED", e.getMessage()));
        }
    }

    /** The checks a careful hand-written endpoint makes: the shape, the key, and each field's limits. */
    private TodoWrites.Insert parse(JsonNode m) throws Invalid, JsonProcessingException {
        if (!m.isObject() || !"todos".equals(m.path("resource").textValue()) || m.path("version").intValue() != 1
                || !"insert".equals(m.path("operation").textValue()) || !m.path("record").isObject()) {
            throw new Invalid("expected an insert of a todos record, version 1");
        }
        String clientId = key(m, "clientId");
        String mutationId = key(m, "mutationId");
        if ((clientId == null) != (mutationId == null)) {
            throw new Invalid("clientId and mutationId go together");
        }
        Body body = json.treeToValue(m.get("record"), Body.class);
        String id = m.hasNonNull("id") ? m.get("id").textValue() : body.id();
        if (id == null) {
            id = TodoIds.next(ThreadLocalRandom.current());
        } else if (!ID.matcher(id).matches()) {
            throw new Invalid("bad id");
        }
        if (body.title() == null || body.title().length() > MAX_TITLE) {
            throw new Invalid("title is required, at most " + MAX_TITLE + " characters");
        }
        int priority = body.priority() == null ? 0 : body.priority();
        if (priority < 0 || priority > 5) {
            throw new Invalid("priority is 0 to 5");
        }
        if (body.projectId() != null && !ID.matcher(body.projectId()).matches()) {
            throw new Invalid("bad projectId");
        }
        var todo = new TodoWrites.NewTodo(id, body.title(), body.completed() != null && body.completed(), priority,
                body.dueDate(), body.notes(), body.projectId());
        return new TodoWrites.Insert(clientId, mutationId, clientId == null ? null : hash(m), todo);
    }

    private static String key(JsonNode m, String member) throws Invalid {
        JsonNode value = m.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isEmpty() || value.textValue().length() > MAX_KEY) {
            throw new Invalid(member + " has 1 to " + MAX_KEY + " characters");
        }
        return value.textValue();
    }

    /** SHA-256 of the request as sent, which a retry repeats exactly. */
    private static String hash(JsonNode m) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(m.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] body(ServerRequest req) throws Invalid {
        byte[] body = req.content().as(byte[].class);
        if (body.length > MAX_BODY_BYTES) {
            throw new Invalid("the body is too large");
        }
        return body;
    }

    private static String namespace(ServerRequest req) {
        return req.headers().first(Bench.NAMESPACE_HEADER).orElse(Bench.NAMESPACE);
    }

    private ObjectNode ok(JsonNode result) {
        ObjectNode out = json.createObjectNode();
        out.put("ok", true);
        out.set("result", result);
        return out;
    }

    private ObjectNode error(String code, String message) {
        ObjectNode out = json.createObjectNode();
        out.put("ok", false);
        out.putObject("error").put("code", code).put("message", message);
        return out;
    }

    private static void send(ServerResponse res, Status status, ObjectNode body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The record of an insert; unknown members are refused by the mapper.
     *
     * @param id        the id, when not beside the record
     * @param title     the title
     * @param completed whether done, default false
     * @param priority  0 to 5, default 0
     * @param dueDate   the due date
     * @param notes     the notes
     * @param projectId the project
     */
    record Body(String id, String title, Boolean completed, Integer priority, LocalDate dueDate, String notes,
            String projectId) {
    }

    /** A request the endpoint refuses. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }
}
