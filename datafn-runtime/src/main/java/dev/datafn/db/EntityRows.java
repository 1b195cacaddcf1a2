package dev.datafn.db;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.internal.NamespacedRow;
import dev.datafn.json.Json;
import dev.datafn.schema.FieldRole;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.FieldValues;
import dev.datafn.schema.ResourceSchema;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.property.access.spi.Getter;
import org.hibernate.property.access.spi.Setter;

/**
 * Reads and writes the fields of one resource's entities through Hibernate's own property access
 * (no reflection of ours), converting between the schema's Java values and the entity's types.
 */
public final class EntityRows {

    private final ResourceSchema resource;
    private final EntityPersister persister;
    private final Map<String, AttributeMapping> attributes = new HashMap<>();

    private EntityRows(ResourceSchema resource, EntityPersister persister) {
        this.resource = resource;
        this.persister = persister;
        for (FieldSchema f : resource.fields()) {
            if (f.role() != FieldRole.ID) {
                AttributeMapping mapping = persister.findAttributeMapping(f.name());
                if (mapping == null) {
                    throw new IllegalStateException("entity " + resource.entityClass().getName()
                            + " does not map field '" + f.name() + "' of resource '" + resource.name() + "'");
                }
                attributes.put(f.name(), mapping);
            }
        }
    }

    /**
     * @param sessionFactory the session factory that maps the resource's entity
     * @param resources      the resources
     * @return the accessors, by resource name
     */
    public static Map<String, EntityRows> forAll(SessionFactory sessionFactory, Collection<ResourceSchema> resources) {
        SessionFactoryImplementor sfi = sessionFactory.unwrap(SessionFactoryImplementor.class);
        Map<String, EntityRows> out = new HashMap<>();
        for (ResourceSchema r : resources) {
            out.put(r.name(), new EntityRows(r, sfi.getMappingMetamodel().getEntityDescriptor(r.entityClass())));
        }
        return Map.copyOf(out);
    }

    /** @return the resource */
    public ResourceSchema resource() {
        return resource;
    }

    /** @return a new, empty entity */
    public NamespacedRow newEntity() {
        return (NamespacedRow) persister.getRepresentationStrategy().getInstantiator().instantiate();
    }

    /**
     * @param entity an entity of this resource
     * @param field  a field
     * @return the field's value as {@link FieldValues} represents it (enum constants as names; many-many
     *         id lists, which are sets, in id order)
     */
    public Object get(Object entity, FieldSchema field) {
        if (field.role() == FieldRole.ID) {
            return ((NamespacedRow) entity).getId();
        }
        Object value = getter(field).get(entity);
        if (field.type() == FieldType.ID_LIST && value != null) {
            @SuppressWarnings("unchecked")
            List<String> ids = new java.util.ArrayList<>((Collection<String>) value);
            java.util.Collections.sort(ids);
            return ids;
        }
        return value instanceof Enum<?> e ? e.name() : value;
    }

    /**
     * @param entity an entity of this resource
     * @param field  a field other than the id and other than a many-many id list
     * @param value  the value as {@link FieldValues#fromJson} gives it
     * @throws IllegalArgumentException for an id list: links are written as link rows, so their metadata
     *                                  survives, never through the entity's collection
     */
    public void set(Object entity, FieldSchema field, Object value) {
        if (field.type() == FieldType.ID_LIST) {
            throw new IllegalArgumentException("field '" + field.name() + "' holds links; write them as link rows");
        }
        setter(field).set(entity, attributeValue(field, value));
    }

    /**
     * Converts a schema value to the type the entity attribute holds (enum names to constants).
     *
     * @param field the field
     * @param value the value as {@link FieldValues#fromJson} gives it
     * @return the attribute value
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object attributeValue(FieldSchema field, Object value) {
        if (value != null && field.type() == FieldType.ENUM) {
            Class enumType = attributes.get(field.name()).getJavaType().getJavaTypeClass();
            return Enum.valueOf(enumType, (String) value);
        }
        return value;
    }

    /**
     * @param entity an entity of this resource
     * @param fields the fields to write
     * @return the entity as a JSON record
     */
    public ObjectNode toJson(Object entity, List<FieldSchema> fields) {
        ObjectNode out = Json.object();
        for (FieldSchema f : fields) {
            out.set(f.name(), FieldValues.toJson(f, get(entity, f)));
        }
        return out;
    }

    private Getter getter(FieldSchema field) {
        return attributes.get(field.name()).getPropertyAccess().getGetter();
    }

    private Setter setter(FieldSchema field) {
        return attributes.get(field.name()).getPropertyAccess().getSetter();
    }
}
