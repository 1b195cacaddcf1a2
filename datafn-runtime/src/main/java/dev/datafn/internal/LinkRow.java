package dev.datafn.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every generated link entity implements: one row of a many-many relation's link table, keyed by
 * (namespace, owner id, target id), with the link's metadata ({@code modifyRelation}).
 *
 * <p>The owner's id-list attribute (e.g. {@code TodoEntity.tags}) maps the same table for reading;
 * the engine writes links only through link entities, so metadata survives changes to other links.
 */
public interface LinkRow {

    /** @return the namespace the link belongs to */
    String getNamespace();

    /** @param namespace the namespace the link belongs to */
    void setNamespace(String namespace);

    /** @return the id of the record that declares the relation */
    String getOwnerId();

    /** @param ownerId the id of the record that declares the relation */
    void setOwnerId(String ownerId);

    /** @return the id of the related record */
    String getTargetId();

    /** @param targetId the id of the related record */
    void setTargetId(String targetId);

    /** @return the link's metadata (a JSON object), or {@code null} */
    JsonNode getMetadata();

    /** @param metadata the link's metadata (a JSON object), or {@code null} */
    void setMetadata(JsonNode metadata);
}
