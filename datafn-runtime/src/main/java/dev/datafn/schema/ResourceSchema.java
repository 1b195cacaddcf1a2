package dev.datafn.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource as the runtime sees it, produced by a generated schema provider.
 *
 * @param name        the resource name, also its table
 * @param version     the version requests must carry
 * @param idPrefix    the prefix of server-generated ids
 * @param fields      the fields, the id first, in record order
 * @param relations   the relations
 * @param indexes     the declared indexes
 * @param recordClass the annotated record
 * @param entityClass the generated JPA entity that stores it
 * @param policy      who may read and write it over the protocol, or {@code null} when none is declared
 */
public record ResourceSchema(
        String name,
        int version,
        String idPrefix,
        List<FieldSchema> fields,
        List<RelationSchema> relations,
        List<IndexSchema> indexes,
        Class<? extends Record> recordClass,
        Class<?> entityClass,
        ResourcePolicy policy) {

    /** Copies the lists and checks the mandatory parts. */
    public ResourceSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idPrefix, "idPrefix");
        Objects.requireNonNull(recordClass, "recordClass");
        Objects.requireNonNull(entityClass, "entityClass");
        fields = List.copyOf(fields);
        relations = List.copyOf(relations);
        indexes = List.copyOf(indexes);
    }

    /**
     * A resource with no declared permissions policy.
     *
     * @param name        the resource name, also its table
     * @param version     the version requests must carry
     * @param idPrefix    the prefix of server-generated ids
     * @param fields      the fields, the id first, in record order
     * @param relations   the relations
     * @param indexes     the declared indexes
     * @param recordClass the annotated record
     * @param entityClass the generated JPA entity that stores it
     */
    public ResourceSchema(String name, int version, String idPrefix, List<FieldSchema> fields,
            List<RelationSchema> relations, List<IndexSchema> indexes, Class<? extends Record> recordClass,
            Class<?> entityClass) {
        this(name, version, idPrefix, fields, relations, indexes, recordClass, entityClass, null);
    }

    /** @param newPolicy who may read and write the resource @return this resource with that policy */
    public ResourceSchema withPolicy(ResourcePolicy newPolicy) {
        return new ResourceSchema(name, version, idPrefix, fields, relations, indexes, recordClass, entityClass,
                newPolicy);
    }

    /** @param fieldName a field name @return the field, if the resource has it */
    public Optional<FieldSchema> field(String fieldName) {
        for (FieldSchema f : fields) {
            if (f.name().equals(fieldName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** @param relationName a relation name @return the relation, if the resource has it */
    public Optional<RelationSchema> relation(String relationName) {
        for (RelationSchema r : relations) {
            if (r.name().equals(relationName)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** @return the id field */
    public FieldSchema idField() {
        for (FieldSchema f : fields) {
            if (f.role() == FieldRole.ID) {
                return f;
            }
        }
        throw new IllegalStateException("resource '" + name + "' has no id field");
    }
}
