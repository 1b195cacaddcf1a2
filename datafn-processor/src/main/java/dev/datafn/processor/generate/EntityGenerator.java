package dev.datafn.processor.generate;

import static dev.datafn.processor.generate.JavaTypes.STRING;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldRole;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.IndexModel;
import dev.datafn.processor.model.NamingRules;
import dev.datafn.processor.model.RelationKind;
import dev.datafn.processor.model.RelationModel;
import dev.datafn.processor.model.ResourceModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Record>Entity}, the Jakarta Persistence entity that stores a resource. Rows are keyed by
 * (namespace, id) through {@code @IdClass(RowKey.class)}; the namespace is Hibernate's {@code @TenantId},
 * so every query is filtered to the session's namespace. Each unique field is unique per namespace, and
 * every many-one field and declared index gets an index led by the namespace, but for an index on the id
 * alone, which is the primary key's own. A resource with searchable
 * fields is also mapped for Hibernate Search: {@code @Indexed} under the resource's name, the id as document
 * id (the namespace is Hibernate Search's tenant, as it is Hibernate's), each searchable field as full text
 * with its analyzer. The engine indexes the rows itself, after each commit.
 */
public final class EntityGenerator extends ResourceSourceGenerator {

    /** Creates the generator. */
    public EntityGenerator() {
        super("Entity");
    }

    @Override
    protected TypeSpec.Builder type(ResourceModel resource) {
        ClassName record = resource.recordType();
        TypeSpec.Builder type = TypeSpec.classBuilder(className(resource))
                .addModifiers(Modifier.PUBLIC)
                .addSuperinterface(RuntimeTypes.NAMESPACED_ROW)
                .addJavadoc("The table of resource {@code $L}, records {@link $T}. Used by the engine only.\n",
                        resource.name(), record)
                // Named after the resource, which is unique in a schema; class simple names need not be.
                .addAnnotation(AnnotationSpec.builder(RuntimeTypes.ENTITY)
                        .addMember("name", "$S", resource.name())
                        .build())
                .addAnnotation(table(resource))
                .addAnnotation(AnnotationSpec.builder(RuntimeTypes.ID_CLASS)
                        .addMember("value", "$T.class", RuntimeTypes.ROW_KEY)
                        .build());
        if (searchable(resource)) {
            type.addAnnotation(AnnotationSpec.builder(RuntimeTypes.INDEXED)
                    .addMember("index", "$S", resource.name())
                    .build());
        }
        type.addField(EntityColumns.namespaceField());
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Creates an empty row; Hibernate and the engine fill it.\n")
                .build());
        type.addMethods(accessors("namespace", STRING, null, true));
        for (FieldModel field : resource.fields()) {
            addField(type, resource, field);
        }
        return type;
    }

    private static void addField(TypeSpec.Builder type, ResourceModel resource, FieldModel field) {
        CodeBlock link = CodeBlock.of("{@link $T#$L}", resource.recordType(), field.name());
        if (field.role() == FieldRole.ID) {
            // The id attribute is always "id": RowKey, the engine's key class, names it so.
            FieldSpec.Builder id = FieldSpec.builder(STRING, "id", Modifier.PRIVATE)
                    .addJavadoc("The id, $L.\n", link)
                    .addAnnotation(RuntimeTypes.ID)
                    .addAnnotation(EntityColumns.keyColumn("id"));
            if (searchable(resource)) {
                id.addAnnotation(RuntimeTypes.DOCUMENT_ID);
            }
            type.addField(id.build());
            type.addMethods(accessors("id", STRING, null, true));
            return;
        }
        TypeName valueType = JavaTypes.valueType(field.type());
        FieldSpec.Builder spec = FieldSpec.builder(valueType, field.name(), Modifier.PRIVATE)
                .addJavadoc("Field $L.\n", link)
                .addAnnotations(EntityColumns.annotations(resource.name(), field, holdsTargetId(resource, field)));
        if (field.constraints().searchable()) {
            spec.addAnnotation(AnnotationSpec.builder(RuntimeTypes.FULL_TEXT_FIELD)
                    .addMember("analyzer", "$S", "datafn_" + field.constraints().analyzer().toLowerCase(Locale.ROOT))
                    .build());
        }
        if (field.type() instanceof FieldType.IdList) {
            spec.initializer("new $T<>()", ClassName.get("java.util", "ArrayList"));
        }
        type.addField(spec.build());
        type.addMethods(accessors(field.name(), valueType, link, false));
    }

    private static boolean searchable(ResourceModel resource) {
        return resource.fields().stream().anyMatch(f -> f.constraints().searchable());
    }

    private static boolean holdsTargetId(ResourceModel resource, FieldModel field) {
        return resource.relations().stream()
                .anyMatch(r -> r.kind() == RelationKind.MANY_ONE && field.name().equals(r.field()));
    }

    /** Getter and setter; those of the key implement {@code NamespacedRow} and inherit its Javadoc. */
    private static List<MethodSpec> accessors(String name, TypeName valueType, CodeBlock link, boolean override) {
        String suffix = NamingRules.capitalize(name);
        MethodSpec.Builder getter = MethodSpec.methodBuilder("get" + suffix)
                .addModifiers(Modifier.PUBLIC)
                .returns(valueType)
                .addStatement("return $N", name);
        MethodSpec.Builder setter = MethodSpec.methodBuilder("set" + suffix)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(valueType, name)
                .addStatement("this.$N = $N", name, name);
        if (override) {
            getter.addAnnotation(Override.class);
            setter.addAnnotation(Override.class);
        } else {
            getter.addJavadoc("@return the value of field $L\n", link);
            setter.addJavadoc("@param $N the new value of field $L\n", name, link);
        }
        return List.of(getter.build(), setter.build());
    }

    private static AnnotationSpec table(ResourceModel resource) {
        AnnotationSpec.Builder table = AnnotationSpec.builder(RuntimeTypes.TABLE)
                .addMember("name", "$S", resource.name());
        for (FieldModel field : resource.fields()) {
            if (field.constraints().unique() && field.role() != FieldRole.ID) {
                table.addMember("uniqueConstraints", "$L", AnnotationSpec.builder(RuntimeTypes.UNIQUE_CONSTRAINT)
                        .addMember("name", "$S", resource.name() + "_" + field.column() + "_key")
                        .addMember("columnNames", "$S", "namespace")
                        .addMember("columnNames", "$S", field.column())
                        .build());
            }
        }
        indexes(resource).forEach((name, columns) -> table.addMember("indexes", "$L",
                AnnotationSpec.builder(RuntimeTypes.INDEX)
                        .addMember("name", "$S", name)
                        .addMember("columnList", "$S", "namespace, " + columns)
                        .build()));
        return table.build();
    }

    /**
     * Index name to column list (after the namespace): the declared indexes, each ending with the id column
     * ascending, so that it serves DataFn's sort, whose last key is always the id; then one per many-one field
     * unless a declared index already starts with that column (or takes its name). A descending key is
     * written {@code desc}, which on PostgreSQL also puts its nulls first, as DataFn sorts them. An index on
     * the id alone is left out: it would be {@code (namespace, id)}, the primary key's own index, and a copy
     * of it only costs every write.
     */
    static Map<String, String> indexes(ResourceModel resource) {
        Map<String, String> indexes = new LinkedHashMap<>();
        String idColumn = resource.idField().map(FieldModel::column).orElse("id");
        for (IndexModel index : resource.indexes()) {
            List<String> columns = new ArrayList<>();
            for (IndexModel.Key key : index.keys()) {
                String column = resource.field(key.field()).map(FieldModel::column)
                        .orElse(NamingRules.snakeCase(key.field()));
                columns.add(key.ascending() ? column : column + " desc");
            }
            if (!columns.getLast().equals(idColumn)) {
                columns.add(idColumn);
            }
            if (!columns.equals(List.of(idColumn))) {
                indexes.put(index.name(), String.join(", ", columns));
            }
        }
        List<String> manyOneColumns = new ArrayList<>();
        for (RelationModel relation : resource.relations()) {
            if (relation.kind() == RelationKind.MANY_ONE) {
                resource.field(relation.field()).map(FieldModel::column).ifPresent(manyOneColumns::add);
            }
        }
        for (String column : manyOneColumns) {
            String name = resource.name() + "_" + column + "_idx";
            boolean covered = indexes.values().stream()
                    .anyMatch(columns -> columns.equals(column) || columns.startsWith(column + ",")
                            || columns.startsWith(column + " desc"));
            if (!indexes.containsKey(name) && !covered) {
                indexes.put(name, column);
            }
        }
        return indexes;
    }
}
