package dev.datafn.access;

import dev.datafn.schema.RelationKind;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourcePolicy;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A server's permissions policies: each resource's declared policy, replaced by one given to the builder
 * where there is one; resources with neither are refused to every caller unless unknown resources are
 * allowed (seed 000's {@code allowUnknownResources}, for development).
 */
public final class Policies {

    private final Map<String, ResourcePolicy> effective;
    private final Map<String, Map<String, String>> referencedBy;
    private final boolean allowUnknownResources;
    private final List<String> withoutPolicy;

    /**
     * @param schema                the schema, with the policies declared on its records
     * @param overrides             policies given in code, by resource name; they replace declared ones
     * @param allowUnknownResources whether resources without a policy are open to every caller
     * @throws IllegalArgumentException when an override names a resource or field the schema lacks
     */
    public Policies(Schema schema, Map<String, ResourcePolicy> overrides, boolean allowUnknownResources) {
        this.allowUnknownResources = allowUnknownResources;
        Map<String, ResourcePolicy> all = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (ResourceSchema r : schema.resources()) {
            ResourcePolicy policy = overrides.getOrDefault(r.name(), r.policy());
            if (policy == null) {
                missing.add(r.name());
            } else {
                all.put(r.name(), policy);
            }
        }
        overrides.forEach((name, policy) -> {
            ResourceSchema r = schema.resource(name).orElseThrow(() -> new IllegalArgumentException(
                    "a policy is given for unknown resource '" + name + "'"));
            policy.fieldReads().keySet().forEach(f -> requireField(r, f));
            policy.fieldWrites().keySet().forEach(f -> requireField(r, f));
        });
        this.effective = Map.copyOf(all);
        this.referencedBy = references(schema);
        this.withoutPolicy = List.copyOf(missing);
    }

    /**
     * Which fields hold ids of which resource's records: a many-one's key and a many-many's id list on the
     * resource declaring them, a one-many's key on the records it leads to.
     */
    private static Map<String, Map<String, String>> references(Schema schema) {
        Map<String, Map<String, String>> references = new HashMap<>();
        for (ResourceSchema r : schema.resources()) {
            for (RelationSchema rel : r.relations()) {
                if (rel.kind() == RelationKind.ONE_MANY) {
                    references.computeIfAbsent(rel.target(), k -> new HashMap<>()).put(rel.field(), r.name());
                } else {
                    references.computeIfAbsent(r.name(), k -> new HashMap<>()).put(rel.field(), rel.target());
                }
            }
        }
        Map<String, Map<String, String>> frozen = new HashMap<>();
        references.forEach((resource, fields) -> frozen.put(resource, Map.copyOf(fields)));
        return Map.copyOf(frozen);
    }

    private static void requireField(ResourceSchema r, String field) {
        if (r.field(field).isEmpty()) {
            throw new IllegalArgumentException("the policy of resource '" + r.name() + "' names unknown field '"
                    + field + "'");
        }
    }

    /**
     * @param claims the proven caller's claims, or {@code null} when the request has no proven caller
     * @return what that caller may read and write
     */
    public Access access(Map<String, Object> claims) {
        return new Access(effective, referencedBy, allowUnknownResources, claims == null ? null : Map.copyOf(claims));
    }

    /** @return the resources with no policy, refused to every caller unless unknown resources are allowed */
    public List<String> resourcesWithoutPolicy() {
        return withoutPolicy;
    }

    /** @return whether resources without a policy are open to every caller */
    public boolean allowsUnknownResources() {
        return allowUnknownResources;
    }
}
