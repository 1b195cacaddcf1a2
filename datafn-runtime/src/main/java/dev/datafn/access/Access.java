package dev.datafn.access;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.FieldRole;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.RelationKind;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourcePolicy;
import dev.datafn.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one caller may read and write: the permissions policies applied to the caller's claims. The
 * engine asks it wherever a request names a resource, a field or a relation (queries, guards, mutations,
 * sync) and answers {@code 403 FORBIDDEN} with the JSON path of the first thing refused; records it
 * answers carry only the fields the caller may read. Server code calling the engine directly runs
 * {@link #unrestricted()}.
 */
public final class Access {

    private static final Access UNRESTRICTED = new Access(null, Map.of(), false, null);

    /** The effective policy of each resource, or {@code null} for no restriction at all. */
    private final Map<String, ResourcePolicy> policies;
    /** For each resource, its fields that hold ids of another resource's records, with that resource. */
    private final Map<String, Map<String, String>> referencedBy;
    private final boolean allowUnknownResources;
    private final Map<String, Object> claims;

    Access(Map<String, ResourcePolicy> policies, Map<String, Map<String, String>> referencedBy,
            boolean allowUnknownResources, Map<String, Object> claims) {
        this.policies = policies;
        this.referencedBy = referencedBy;
        this.allowUnknownResources = allowUnknownResources;
        this.claims = claims;
    }

    /** @return access to everything: for server code, which is trusted */
    public static Access unrestricted() {
        return UNRESTRICTED;
    }

    /** @return the caller's claims; empty for server code and callers without proven claims */
    public Map<String, Object> claims() {
        return claims == null ? Map.of() : java.util.Collections.unmodifiableMap(claims);
    }

    /** @return whether this access lets everything through, so checks can be skipped */
    public boolean isUnrestricted() {
        return policies == null;
    }

    /** @param resource a resource @return whether the caller may read its records */
    public boolean mayRead(ResourceSchema resource) {
        return mayRead(resource.name());
    }

    private boolean mayRead(String resource) {
        ResourcePolicy policy = policyOf(resource);
        return policy == null ? known() : policy.read().allows(claims);
    }

    /**
     * @param resource a resource
     * @param field    one of its fields
     * @return whether the caller may read the field; the id goes with the resource, and a field holding
     *         ids of another resource's records needs that resource readable too
     */
    public boolean mayRead(ResourceSchema resource, FieldSchema field) {
        ResourcePolicy policy = policyOf(resource.name());
        boolean own = policy == null ? known()
                : field.role() == FieldRole.ID ? policy.read().allows(claims) : policy.mayRead(claims, field.name());
        return own && referencedReadable(resource, field);
    }

    /** A field that holds ids of another resource's records shows which exist: they must be readable. */
    private boolean referencedReadable(ResourceSchema resource, FieldSchema field) {
        String referenced = referencedBy.getOrDefault(resource.name(), Map.of()).get(field.name());
        return referenced == null || mayRead(referenced);
    }

    /** @param resource a resource @return whether the caller may insert, change and delete its records */
    public boolean mayWrite(ResourceSchema resource) {
        ResourcePolicy policy = policyOf(resource.name());
        return policy == null ? known() : policy.write().allows(claims);
    }

    /**
     * @param resource a resource
     * @param field    one of its fields
     * @return whether the caller may set the field; linking to another resource's records needs them
     *         readable
     */
    public boolean mayWrite(ResourceSchema resource, FieldSchema field) {
        ResourcePolicy policy = policyOf(resource.name());
        boolean own = policy == null ? known()
                : field.role() == FieldRole.ID ? policy.write().allows(claims) : policy.mayWrite(claims, field.name());
        return own && referencedReadable(resource, field);
    }

    /**
     * @param resource a resource a request reads
     * @param path     where the request names it
     * @throws DataFnException FORBIDDEN when the caller may not read it
     */
    public void requireRead(ResourceSchema resource, String path) {
        if (!mayRead(resource)) {
            throw refused("read", resource, path);
        }
    }

    /**
     * @param resource a resource a request reads
     * @param field    the field the request reads, filters, sorts or aggregates by
     * @param path     where the request names it
     * @throws DataFnException FORBIDDEN when the caller may not read it
     */
    public void requireRead(ResourceSchema resource, FieldSchema field, String path) {
        requireRead(resource, path);
        if (!mayRead(resource, field)) {
            throw new DataFnException(ErrorCode.FORBIDDEN, "not allowed to read field '" + field.name()
                    + "' of resource '" + resource.name() + "'", path);
        }
    }

    /**
     * Checks a request may follow a relation: the field that holds it and the records it leads to.
     *
     * @param resource the resource the relation starts from
     * @param relation the relation
     * @param target   the resource it leads to
     * @param path     where the request names it
     * @throws DataFnException FORBIDDEN when the caller may not read either side
     */
    public void requireRead(ResourceSchema resource, RelationSchema relation, ResourceSchema target, String path) {
        if (relation.kind() == RelationKind.ONE_MANY) {
            requireRead(resource, path);
            target.field(relation.field()).ifPresent(f -> requireRead(target, f, path));
        } else {
            resource.field(relation.field()).ifPresent(f -> requireRead(resource, f, path));
        }
        requireRead(target, path);
    }

    /**
     * @param resource a resource a request writes
     * @param path     where the request names it
     * @throws DataFnException FORBIDDEN when the caller may not write it
     */
    public void requireWrite(ResourceSchema resource, String path) {
        if (!mayWrite(resource)) {
            throw refused("write", resource, path);
        }
    }

    /**
     * @param resource a resource a request writes
     * @param field    the field the request sets
     * @param path     where the request sets it
     * @throws DataFnException FORBIDDEN when the caller may not set it
     */
    public void requireWrite(ResourceSchema resource, FieldSchema field, String path) {
        requireWrite(resource, path);
        if (!mayWrite(resource, field)) {
            throw new DataFnException(ErrorCode.FORBIDDEN, "not allowed to write field '" + field.name()
                    + "' of resource '" + resource.name() + "'", path);
        }
    }

    /** @param resource a resource the caller may read @return the fields the caller may read, in schema order */
    public List<FieldSchema> readableFields(ResourceSchema resource) {
        if (isUnrestricted()) {
            return resource.fields();
        }
        List<FieldSchema> readable = new ArrayList<>(resource.fields().size());
        for (FieldSchema f : resource.fields()) {
            if (mayRead(resource, f)) {
                readable.add(f);
            }
        }
        return readable;
    }

    /**
     * Removes from a record the fields the caller may not read.
     *
     * @param resource the record's resource
     * @param record   the record as JSON; changed in place
     * @return the same record
     */
    public ObjectNode redact(ResourceSchema resource, ObjectNode record) {
        if (record != null && !isUnrestricted()) {
            for (FieldSchema f : resource.fields()) {
                if (!mayRead(resource, f)) {
                    record.remove(f.name());
                }
            }
        }
        return record;
    }

    private ResourcePolicy policyOf(String resource) {
        return policies == null ? null : policies.get(resource);
    }

    /** A resource without a policy: open only when unknown resources are allowed, or nothing is restricted. */
    private boolean known() {
        return policies == null || allowUnknownResources;
    }

    private DataFnException refused(String what, ResourceSchema resource, String path) {
        if (policyOf(resource.name()) == null) {
            return new DataFnException(ErrorCode.FORBIDDEN, "resource '" + resource.name() + "' has no permissions "
                    + "policy, so no request may " + what + " it; declare one (@Policy on the record, or "
                    + "DataFn.builder().policy(...)) or allow unknown resources in development", path);
        }
        return new DataFnException(ErrorCode.FORBIDDEN, "not allowed to " + what + " resource '" + resource.name()
                + "'", path);
    }
}
