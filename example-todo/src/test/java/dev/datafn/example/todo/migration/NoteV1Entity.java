package dev.datafn.example.todo.migration;

import dev.datafn.internal.NamespacedRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/** The table of {@link NoteV1}, as the processor generates it. */
@Entity(name = "notes")
@Table(name = "notes")
@IdClass(dev.datafn.internal.RowKey.class)
public class NoteV1Entity implements NamespacedRow {
    @Id
    @TenantId
    @Column(name = "namespace", nullable = false, length = 255)
    private String namespace;

    @Id
    @Column(name = "id", nullable = false, length = 255)
    private String id;

    @Column(name = "title", nullable = false, length = 255)
    private String title;

    /** Creates an empty row; Hibernate and the engine fill it. */
    public NoteV1Entity() {
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
}
