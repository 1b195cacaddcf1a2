package dev.datafn.kv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.internal.JsonNodeConverter;
import dev.datafn.internal.NamespacedRow;
import dev.datafn.internal.RowKey;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/**
 * The table of the built-in resource {@code kv}, {@code datafn_kv}: one row per key and namespace, mapped
 * as the processor maps an application's resources (key (namespace, id), the namespace as Hibernate's
 * tenant). Used by the engine only.
 */
@Entity(name = "kv")
@Table(name = "datafn_kv")
@IdClass(RowKey.class)
public class KvEntity implements NamespacedRow {

    /** The longest JSON text a value may have, as for every JSON field. */
    static final int VALUE_LENGTH = 1_000_000;

    @Id
    @TenantId
    @Column(name = "namespace", nullable = false, length = 255)
    private String namespace;

    @Id
    @Column(name = "id", nullable = false, length = 255)
    private String id;

    // Not "value": that is a keyword of H2's SQL.
    @Convert(converter = JsonNodeConverter.class)
    @Column(name = "value_json", nullable = false, length = VALUE_LENGTH)
    private JsonNode value;

    /** Creates an empty row; Hibernate and the engine fill it. */
    public KvEntity() {
    }

    @Override
    public String getNamespace() {
        return namespace;
    }

    @Override
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public void setId(String id) {
        this.id = id;
    }

    /** @return the value, any JSON value */
    public JsonNode getValue() {
        return value;
    }

    /** @param value the new value */
    public void setValue(JsonNode value) {
        this.value = value;
    }
}
