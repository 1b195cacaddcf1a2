package dev.datafn.processor.generate;

import static dev.datafn.processor.generate.JavaTypes.STRING;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.FieldSpec;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.NamingRules;
import dev.datafn.processor.model.ScalarKind;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/** The Jakarta Persistence mapping of one field of a generated entity. */
final class EntityColumns {

    /** Strings without {@code maxLength}, and JSON text, get a column long enough for any sane value. */
    static final int UNBOUNDED_LENGTH = 1_000_000;

    /** Ids, enum names and link table ids fit the engine's id limit. */
    static final int KEY_LENGTH = 255;

    private EntityColumns() {
    }

    /**
     * @param resource the resource name (the table)
     * @param field    a field other than the id
     * @param holdsId  the field holds a many-one relation's target id, so it is as long as an id
     * @return the annotations of the entity field that stores it
     */
    static List<AnnotationSpec> annotations(String resource, FieldModel field, boolean holdsId) {
        List<AnnotationSpec> annotations = new ArrayList<>();
        boolean required = field.constraints().required();
        switch (field.type()) {
            case FieldType.IdList ignored -> {
                annotations.add(AnnotationSpec.builder(RuntimeTypes.ELEMENT_COLLECTION).build());
                // No index here: the link entity's primary key (namespace, owner, target) serves the
                // owner lookups of a page's links, and it declares the index for lookups by target.
                annotations.add(AnnotationSpec.builder(RuntimeTypes.COLLECTION_TABLE)
                        .addMember("name", "$S", linkTable(resource, field))
                        .addMember("joinColumns", "$L", joinColumn("namespace", "namespace"))
                        .addMember("joinColumns", "$L", joinColumn(ownerColumn(resource), "id"))
                        .build());
                annotations.add(keyColumn(field.column()));
            }
            case FieldType.EnumType ignored -> {
                annotations.add(AnnotationSpec.builder(RuntimeTypes.ENUMERATED)
                        .addMember("value", "$T.STRING", RuntimeTypes.ENUM_TYPE)
                        .build());
                annotations.add(column(field.column(), required).addMember("length", "$L", KEY_LENGTH).build());
            }
            case FieldType.Scalar scalar when scalar.kind() == ScalarKind.JSON ->
                    annotations.addAll(json(column(field.column(), required)));
            case FieldType.Scalar scalar -> {
                AnnotationSpec.Builder column = column(field.column(), required);
                switch (scalar.kind()) {
                    case STRING -> column.addMember("length", "$L", field.constraints().maxLength() != null
                            ? field.constraints().maxLength()
                            : holdsId ? KEY_LENGTH : UNBOUNDED_LENGTH);
                    case DECIMAL -> column.addMember("precision", "$L", 38).addMember("scale", "$L", 10);
                    default -> {
                    }
                }
                annotations.add(column.build());
            }
        }
        return annotations;
    }

    /**
     * @param column the {@code @Column} of a JSON attribute, without its length
     * @return the converter that stores JSON as text, and the column long enough for it
     */
    static List<AnnotationSpec> json(AnnotationSpec.Builder column) {
        return List.of(
                AnnotationSpec.builder(RuntimeTypes.CONVERT)
                        .addMember("converter", "$T.class", RuntimeTypes.JSON_NODE_CONVERTER)
                        .build(),
                column.addMember("length", "$L", UNBOUNDED_LENGTH).build());
    }

    /**
     * @param name     the column name
     * @param notNull  whether the column is {@code NOT NULL}
     * @return a {@code @Column} to add options to
     */
    static AnnotationSpec.Builder column(String name, boolean notNull) {
        AnnotationSpec.Builder column = AnnotationSpec.builder(RuntimeTypes.COLUMN).addMember("name", "$S", name);
        if (notNull) {
            column.addMember("nullable", "$L", false);
        }
        return column;
    }

    /** @param name the column name @return a {@code NOT NULL} {@code @Column} as long as an id */
    static AnnotationSpec keyColumn(String name) {
        return column(name, true).addMember("length", "$L", KEY_LENGTH).build();
    }

    /**
     * @return the {@code namespace} field that leads the key of every row and link entity: Hibernate's
     *         {@code @TenantId}, so every query is filtered to the session's namespace
     */
    static FieldSpec namespaceField() {
        return FieldSpec.builder(STRING, "namespace", Modifier.PRIVATE)
                .addAnnotation(RuntimeTypes.ID)
                .addAnnotation(RuntimeTypes.TENANT_ID)
                .addAnnotation(keyColumn("namespace"))
                .build();
    }

    /** @param resource the resource @return the column of a link table that holds the owner's id */
    static String ownerColumn(String resource) {
        return resource + "_id";
    }

    /** @param resource the resource @param field a many-many id list @return the link table's name */
    static String linkTable(String resource, FieldModel field) {
        return resource + "_" + NamingRules.snakeCase(field.name());
    }

    private static AnnotationSpec joinColumn(String name, String referenced) {
        return AnnotationSpec.builder(RuntimeTypes.JOIN_COLUMN)
                .addMember("name", "$S", name)
                .addMember("referencedColumnName", "$S", referenced)
                .build();
    }
}
