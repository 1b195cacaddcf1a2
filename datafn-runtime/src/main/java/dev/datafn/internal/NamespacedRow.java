package dev.datafn.internal;

/**
 * What every generated entity implements so the engine can read and set the row's key without
 * reflection. The key of every resource row is (namespace, id).
 */
public interface NamespacedRow {

    /** @return the namespace the row belongs to */
    String getNamespace();

    /** @param namespace the namespace the row belongs to */
    void setNamespace(String namespace);

    /** @return the record id */
    String getId();

    /** @param id the record id */
    void setId(String id);
}
