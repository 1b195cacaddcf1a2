package dev.datafn.processor.generate;

import static dev.datafn.processor.generate.JavaTypes.STRING;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.datafn.processor.model.NamingRules;
import dev.datafn.processor.model.ResourceModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Record><Field>Link}, e.g. {@code TodoTagsLink}: the Jakarta Persistence entity of one
 * many-many relation's link table, one row per link, with the link's metadata. The owner's id-list
 * element collection keeps mapping the same table for reading; the columns here repeat its names and
 * lengths exactly, so Hibernate sees one table, which this entity gives its primary key
 * (namespace, owner id, target id) through {@code @IdClass(LinkKey.class)}.
 */
public final class LinkEntityGenerator extends SourceFileGenerator<LinkTable> {

    /** Creates the generator. */
    public LinkEntityGenerator() {
    }

    @Override
    public ClassName className(LinkTable link) {
        return link.entityClass();
    }

    @Override
    protected TypeSpec.Builder type(LinkTable link) {
        TypeSpec.Builder type = TypeSpec.classBuilder(className(link))
                .addModifiers(Modifier.PUBLIC)
                .addSuperinterface(RuntimeTypes.LINK_ROW)
                .addJavadoc("The links of relation {@code $L} of resource {@code $L} ({@link $T#$L}) to {@code $L},\n"
                        + "one row each. Used by the engine only.\n", link.relation().name(), link.owner().name(),
                        link.owner().recordType(), link.field().name(), link.relation().targetResource())
                // Named after its table, which is unique in the schema, rather than after the class,
                // which two packages may share.
                .addAnnotation(AnnotationSpec.builder(RuntimeTypes.ENTITY).addMember("name", "$S", link.table()).build())
                .addAnnotation(AnnotationSpec.builder(RuntimeTypes.TABLE)
                        .addMember("name", "$S", link.table())
                        // The key leads with the owner; deleting or relating a target finds its links by this.
                        .addMember("indexes", "$L", AnnotationSpec.builder(RuntimeTypes.INDEX)
                                .addMember("name", "$S", link.table() + "_target_idx")
                                .addMember("columnList", "$S", "namespace, " + link.targetColumn())
                                .build())
                        .build())
                .addAnnotation(AnnotationSpec.builder(RuntimeTypes.ID_CLASS)
                        .addMember("value", "$T.class", RuntimeTypes.LINK_KEY)
                        .build());
        type.addField(EntityColumns.namespaceField());
        type.addField(FieldSpec.builder(STRING, "ownerId", Modifier.PRIVATE)
                .addAnnotation(RuntimeTypes.ID)
                .addAnnotation(EntityColumns.keyColumn(link.ownerColumn()))
                .build());
        type.addField(FieldSpec.builder(STRING, "targetId", Modifier.PRIVATE)
                .addAnnotation(RuntimeTypes.ID)
                .addAnnotation(EntityColumns.keyColumn(link.targetColumn()))
                .build());
        type.addField(FieldSpec.builder(RuntimeTypes.JSON_NODE, "metadata", Modifier.PRIVATE)
                .addAnnotations(EntityColumns.json(EntityColumns.column("metadata", false)))
                .build());
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Creates an empty link; Hibernate and the engine fill it.\n")
                .build());
        for (String name : List.of("namespace", "ownerId", "targetId")) {
            type.addMethods(accessors(name, STRING));
        }
        type.addMethods(accessors("metadata", RuntimeTypes.JSON_NODE));
        return type;
    }

    /** Getter and setter, implementing {@code LinkRow} and inheriting its Javadoc. */
    private static List<MethodSpec> accessors(String name, TypeName valueType) {
        String suffix = NamingRules.capitalize(name);
        return List.of(
                MethodSpec.methodBuilder("get" + suffix)
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(valueType)
                        .addStatement("return $N", name)
                        .build(),
                MethodSpec.methodBuilder("set" + suffix)
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(valueType, name)
                        .addStatement("this.$N = $N", name, name)
                        .build());
    }

    @Override
    protected List<ResourceModel> sources(LinkTable link) {
        return List.of(link.owner());
    }
}
