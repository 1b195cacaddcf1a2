package dev.datafn.example.todo.migration;

import dev.datafn.internal.NamespacedRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/** The table of {@link NoteV2}, as the processor generates it. */
@Entity(name = "notes")
@Table(name = "notes")
@IdClass(dev.datafn.internal.RowKey.class)
public class NoteV2Entity implements NamespacedRow {
    @Id
    @TenantId
    @Column(name = "namespace", nullable = false, length = 255)
    private String namespace;

    @Id
    @Column(name = "id", nullable = false, length = 255)
    private String id;

    @Column(name = "title", nullable = false, length = 255)
    private String title;

    /** The field version 2 adds: nullable, so the rows of version 1 stay valid. */
    @Column(name = "pinned")
    private Boolean pinned;

    /** Creates an empty row; Hibernate and the engine fill it. */
    public NoteV2Entity() {
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

    /** @return the title */
    public String getTitle() {
        return title;
    }

    /** @param title the new title */
    public void setTitle(String title) {
        this.title = title;
    }

    /** @return whether it is pinned; null on rows written before the field existed */
    public Boolean getPinned() {
        return pinned;
    }

    /** @param pinned whether it is pinned */
    public void setPinned(Boolean pinned) {
        this.pinned = pinned;
    }
}
