package dev.datafn.mutation.typed;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.query.typed.Criterion;
import java.util.Objects;

/**
 * The base of every typed mutation on resource {@code R}: an immutable value that renders exactly the
 * mutation object of {@code POST /datafn/mutation}. Every method returns a new mutation and leaves this
 * one as it was.
 *
 * <p>Members are rendered in one order whatever the operation: {@code resource}, {@code version},
 * {@code operation}, {@code clientId}, {@code mutationId}, {@code id}, then the operation's own members,
 * then {@code if}. Two mutations are equal when they render the same JSON.
 *
 * @param <R> the record type of the resource
 * @param <M> the mutation type itself, which every method returns
 */
public abstract sealed class ResourceMutation<R, M extends ResourceMutation<R, M>> implements TypedMutation<R>
        permits InsertMutation, ReplaceMutation, MergeMutation, DeleteMutation, RelationMutation {

    private final Header header;
    private final Criterion<R> guard;

    ResourceMutation(Header header, Criterion<R> guard) {
        this.header = Objects.requireNonNull(header, "header");
        this.guard = guard;
    }

    /**
     * Makes the mutation idempotent: the server applies it once per key, and answers a retry with the
     * first outcome ({@code deduped: true}).
     *
     * @param clientId   the sending client, 1 to 255 characters
     * @param mutationId the client's id for this mutation, 1 to 255 characters
     * @return the mutation with the key
     */
    public final M idempotent(String clientId, String mutationId) {
        return copy(header.withKey(Objects.requireNonNull(clientId, "clientId"),
                Objects.requireNonNull(mutationId, "mutationId")), guard);
    }

    /** @return the resource name */
    public final String resource() {
        return header.resource();
    }

    /** @return the operation's wire name, e.g. {@code merge} */
    public final String operation() {
        return header.operation();
    }

    @Override
    public final ObjectNode toWire() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("resource", header.resource());
        out.put("version", header.version());
        out.put("operation", header.operation());
        if (header.clientId() != null) {
            out.put("clientId", header.clientId());
            out.put("mutationId", header.mutationId());
        }
        if (header.id() != null) {
            out.put("id", header.id());
        }
        writeBody(out);
        if (guard != null) {
            out.set("if", guard.toJson());
        }
        return out;
    }

    /** @return what the mutation carries before its own members */
    final Header header() {
        return header;
    }

    /** @return the condition the stored record must meet, or {@code null} */
    final Criterion<R> guard() {
        return guard;
    }

    /** Adds a condition the current record must meet; the subclasses that allow one expose it. */
    final M guarded(Criterion<R> criterion) {
        Objects.requireNonNull(criterion, "criterion");
        return copy(header, guard == null ? criterion : guard.and(criterion));
    }

    /** @return the same mutation with another header and guard, as the subclass's own type */
    abstract M copy(Header changed, Criterion<R> changedGuard);

    /** Writes the operation's own members after {@code id}; each gets its own copy of any JSON held. */
    abstract void writeBody(ObjectNode out);

    @Override
    public final boolean equals(Object o) {
        return o instanceof ResourceMutation<?, ?> other && toWire().equals(other.toWire());
    }

    @Override
    public final int hashCode() {
        return toWire().hashCode();
    }

    @Override
    public final String toString() {
        return toWire().toString();
    }

    /**
     * What every mutation carries before its own members.
     *
     * @param resource   the resource name
     * @param version    the schema version
     * @param operation  the operation's wire name
     * @param clientId   the idempotency key's client, or {@code null}
     * @param mutationId the idempotency key's mutation id, or {@code null}
     * @param id         the record id, or {@code null} (an insert's id is in its record)
     */
    record Header(String resource, int version, String operation, String clientId, String mutationId, String id) {

        Header withKey(String client, String mutation) {
            return new Header(resource, version, operation, client, mutation, id);
        }
    }
}
