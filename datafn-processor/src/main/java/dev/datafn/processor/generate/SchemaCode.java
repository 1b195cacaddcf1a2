package dev.datafn.processor.generate;

import com.palantir.javapoet.CodeBlock;
import dev.datafn.processor.model.FieldConstraints;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldRole;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.IndexModel;
import dev.datafn.processor.model.NamingRules;
import dev.datafn.processor.model.RelationModel;
import dev.datafn.processor.model.ResourceModel;

/** The Java expressions that build the runtime schema objects of one field, relation or index. */
final class SchemaCode {

    private SchemaCode() {
    }

    /**
     * @param field a field
     * @return e.g. {@code FieldSchema.builder("title", FieldType.STRING).required().maxLength(200).build()},
     *         naming only the options that are set
     */
    static CodeBlock field(FieldModel field) {
        FieldConstraints c = field.constraints();
        CodeBlock.Builder code = CodeBlock.builder().add("$T.builder($S, $T.$L)", RuntimeTypes.FIELD_SCHEMA,
                field.name(), RuntimeTypes.FIELD_TYPE, field.type().runtimeConstant());
        if (field.role() != FieldRole.DATA) {
            code.add(".role($T.$L)", RuntimeTypes.FIELD_ROLE, field.role().name());
        }
        // The builder derives the column from the name; only the id and link table columns differ.
        if (!field.column().equals(NamingRules.snakeCase(field.name()))) {
            code.add(".column($S)", field.column());
        }
        if (c.required()) {
            code.add(".required()");
        }
        if (c.unique()) {
            code.add(".unique()");
        }
        if (c.defaultValue() != null) {
            code.add(".defaultValue($S)", c.defaultValue());
        }
        if (c.maxLength() != null) {
            code.add(".maxLength($L)", c.maxLength());
        }
        if (c.min() != null) {
            code.add(".min($L)", Double.toString(c.min()));
        }
        if (c.max() != null) {
            code.add(".max($L)", Double.toString(c.max()));
        }
        if (c.pattern() != null) {
            code.add(".pattern($S)", c.pattern());
        }
        if (c.searchable()) {
            code.add(".searchable()");
        }
        if (c.readOnly()) {
            code.add(".readOnly()");
        }
        if (field.type() instanceof FieldType.EnumType enumType) {
            code.add(".enumValues(");
            for (int i = 0; i < enumType.constants().size(); i++) {
                code.add(i == 0 ? "$S" : ", $S", enumType.constants().get(i));
            }
            code.add(")");
        }
        return code.add(".build()").build();
    }

    /**
     * @param resource the resource declaring the relation
     * @param relation one of its linked relations
     * @return e.g. {@code new RelationSchema("project", "projects", ...)}; a many-many relation also
     *         names its link entity, {@code ..., TodoTagsLink.class)}
     */
    static CodeBlock relation(ResourceModel resource, RelationModel relation) {
        CodeBlock.Builder code = CodeBlock.builder().add("new $T($S, $S, $T.$L, $S, $L", RuntimeTypes.RELATION_SCHEMA,
                relation.name(), relation.targetResource(), RuntimeTypes.RELATION_KIND, relation.kind().name(),
                relation.field(), relation.inverse() == null ? "null" : CodeBlock.of("$S", relation.inverse()));
        LinkTable.of(resource).stream()
                .filter(link -> link.relation().equals(relation))
                .findFirst()
                .ifPresent(link -> code.add(", $T.class", link.entityClass()));
        return code.add(")").build();
    }

    /** @param index an index @return e.g. {@code new IndexSchema("todos_title_idx", List.of("title"))} */
    static CodeBlock index(IndexModel index) {
        CodeBlock.Builder fields = CodeBlock.builder();
        for (int i = 0; i < index.fields().size(); i++) {
            fields.add(i == 0 ? "$S" : ", $S", index.fields().get(i));
        }
        return CodeBlock.of("new $T($S, $T.of($L))", RuntimeTypes.INDEX_SCHEMA, index.name(),
                JavaTypes.LIST, fields.build());
    }

    /**
     * @param resource a resource
     * @return its {@code @Policy} with the fields' own rules, e.g.
     *         {@code ResourcePolicy.of("anyone", "claim:admin").field("budget", "claim:admin", "")}; or
     *         {@code null} when the record declares none
     */
    static CodeBlock policy(ResourceModel resource) {
        if (resource.policy() == null) {
            return CodeBlock.of("null");
        }
        CodeBlock.Builder code = CodeBlock.builder().add("$T.of($S, $S)", RuntimeTypes.RESOURCE_POLICY,
                resource.policy().read(), resource.policy().write());
        for (FieldModel field : resource.fields()) {
            FieldConstraints c = field.constraints();
            if (c.readRule() != null || c.writeRule() != null) {
                code.add("\n$>.field($S, $S, $S)$<", field.name(), c.readRule() == null ? "" : c.readRule(),
                        c.writeRule() == null ? "" : c.writeRule());
            }
        }
        return code.build();
    }
}
