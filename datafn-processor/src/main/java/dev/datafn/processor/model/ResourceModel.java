package dev.datafn.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Resource} record.
 *
 * @param name       the resource name, also the table
 * @param version    the schema version requests carry
 * @param idPrefix   the prefix of server-generated ids
 * @param recordType the annotated record
 * @param element    the record, for error reporting only
 * @param fields     the stored fields, in record component order
 * @param relations  the relations, in record component order
 * @param indexes    the declared indexes: those on components, then those on the record
 * @param policy     the record's {@code @Policy}, or {@code null} when it has none
 */
public record ResourceModel(
        String name,
        int version,
        String idPrefix,
        ClassName recordType,
        TypeElement element,
        List<FieldModel> fields,
        List<RelationModel> relations,
        List<IndexModel> indexes,
        PolicyModel policy) {

    /** Copies the lists. */
    public ResourceModel {
        fields = List.copyOf(fields);
        relations = List.copyOf(relations);
        indexes = List.copyOf(indexes);
    }

    /**
     * A resource without a {@code @Policy}.
     *
     * @param name       the resource name, also the table
     * @param version    the schema version requests carry
     * @param idPrefix   the prefix of server-generated ids
     * @param recordType the annotated record
     * @param element    the record, for error reporting only
     * @param fields     the stored fields, in record component order
     * @param relations  the relations, in record component order
     * @param indexes    the declared indexes
     */
    public ResourceModel(String name, int version, String idPrefix, ClassName recordType, TypeElement element,
            List<FieldModel> fields, List<RelationModel> relations, List<IndexModel> indexes) {
        this(name, version, idPrefix, recordType, element, fields, relations, indexes, null);
    }

    /** @param fieldName a field name @return the field, if the resource stores it */
    public Optional<FieldModel> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** @return the id field, if there is exactly one (validation guarantees it for a validated model) */
    public Optional<FieldModel> idField() {
        List<FieldModel> ids = fields.stream().filter(f -> f.role() == FieldRole.ID).toList();
        return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
    }

    /** @return the fields with the id first, the others in record order */
    public List<FieldModel> fieldsIdFirst() {
        return Stream.concat(
                        fields.stream().filter(f -> f.role() == FieldRole.ID),
                        fields.stream().filter(f -> f.role() != FieldRole.ID))
                .toList();
    }

    /**
     * Names a generated companion type: {@code Todo} and {@code "Entity"} give {@code TodoEntity} in the
     * record's package (a nested record's enclosing names are joined: {@code OuterTodoEntity}).
     *
     * @param role the role suffix
     * @return the generated class name
     */
    public ClassName companion(String role) {
        return ClassName.get(recordType.packageName(), String.join("", recordType.simpleNames()) + role);
    }

    /** @return the record's qualified name, as written in source */
    public String qualifiedName() {
        return recordType.canonicalName();
    }

    /** @return the record's simple name */
    public String simpleName() {
        return recordType.simpleName();
    }
}
