package dev.datafn.processor.diagnostics;

import dev.datafn.annotations.CreatedAt;
import dev.datafn.annotations.Field;
import dev.datafn.annotations.Id;
import dev.datafn.annotations.Index;
import dev.datafn.annotations.Relation;
import dev.datafn.annotations.Resource;
import dev.datafn.annotations.UpdatedAt;

/** The qualified names of the DataFn annotations, as javac's annotation mirrors spell them. */
public final class AnnotationNames {

    /** {@code @Resource}. */
    public static final String RESOURCE = Resource.class.getCanonicalName();
    /** {@code @Policy}. */
    public static final String POLICY = dev.datafn.annotations.Policy.class.getCanonicalName();
    /** {@code @Id}. */
    public static final String ID = Id.class.getCanonicalName();
    /** {@code @Field}. */
    public static final String FIELD = Field.class.getCanonicalName();
    /** {@code @Relation}. */
    public static final String RELATION = Relation.class.getCanonicalName();
    /** {@code @Index}. */
    public static final String INDEX = Index.class.getCanonicalName();
    /** {@code @Index.List}, the container javac builds when {@code @Index} is repeated. */
    public static final String INDEX_LIST = Index.List.class.getCanonicalName();
    /** {@code @CreatedAt}. */
    public static final String CREATED_AT = CreatedAt.class.getCanonicalName();
    /** {@code @UpdatedAt}. */
    public static final String UPDATED_AT = UpdatedAt.class.getCanonicalName();

    private AnnotationNames() {
    }
}
