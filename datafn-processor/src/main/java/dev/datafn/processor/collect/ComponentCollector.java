package dev.datafn.processor.collect;

import com.palantir.javapoet.ClassName;
import dev.datafn.processor.diagnostics.AnnotationLookup;
import dev.datafn.processor.diagnostics.AnnotationNames;
import dev.datafn.processor.diagnostics.Diagnostics;
import dev.datafn.processor.diagnostics.Messages;
import dev.datafn.processor.model.FieldConstraints;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldRole;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.IndexModel;
import dev.datafn.processor.model.NamingRules;
import dev.datafn.processor.model.RelationKind;
import dev.datafn.processor.model.RelationModel;
import dev.datafn.processor.model.ScalarKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Turns one record component into its field, relation and index. Problems that only the component's
 * own annotations and type reveal are reported here; the component then contributes what it still can,
 * so later checks do not report follow-on errors.
 */
final class ComponentCollector {

    private static final FieldType STRING = new FieldType.Scalar(ScalarKind.STRING);

    private final Diagnostics diagnostics;
    private final String resource;

    /**
     * @param diagnostics where problems go
     * @param resource    the resource name, for messages and default index names
     */
    ComponentCollector(Diagnostics diagnostics, String resource) {
        this.diagnostics = diagnostics;
        this.resource = resource;
    }

    /** @param component a record component whose types are all resolved @return its parts */
    ComponentParts collect(RecordComponentElement component) {
        String name = component.getSimpleName().toString();
        Map<String, AnnotationMirror> roles = new LinkedHashMap<>();
        for (String annotation : List.of(AnnotationNames.ID, AnnotationNames.RELATION, AnnotationNames.CREATED_AT,
                AnnotationNames.UPDATED_AT)) {
            AnnotationLookup.find(component, annotation).ifPresent(m -> roles.put(annotation, m));
        }
        if (roles.size() > 1) {
            List<String> present = new ArrayList<>(roles.keySet());
            diagnostics.error(component, present.get(1), null, Messages.conflictingAnnotations(name,
                    simpleName(present.get(0)), simpleName(present.get(1))));
            return ComponentParts.none();
        }
        Optional<AnnotationMirror> field = AnnotationLookup.find(component, AnnotationNames.FIELD);
        TypeMirror type = component.asType();
        ComponentParts parts;
        if (roles.containsKey(AnnotationNames.ID)) {
            parts = id(component, name, type, field);
        } else if (roles.containsKey(AnnotationNames.RELATION)) {
            parts = relation(component, name, type, field, roles.get(AnnotationNames.RELATION));
        } else if (roles.containsKey(AnnotationNames.CREATED_AT)) {
            parts = timestamp(component, name, type, field, AnnotationNames.CREATED_AT, FieldRole.CREATED_AT);
        } else if (roles.containsKey(AnnotationNames.UPDATED_AT)) {
            parts = timestamp(component, name, type, field, AnnotationNames.UPDATED_AT, FieldRole.UPDATED_AT);
        } else {
            parts = data(component, name, type, field);
        }
        return new ComponentParts(parts.field(), parts.relation(), indexes(component, name, parts));
    }

    private ComponentParts id(RecordComponentElement component, String name, TypeMirror type,
            Optional<AnnotationMirror> field) {
        if (!TypeMapper.isString(type)) {
            diagnostics.error(component, AnnotationNames.ID, null, Messages.invalidId(name, TypeMapper.describe(type)));
        } else if (!name.equals("id")) {
            diagnostics.error(component, AnnotationNames.ID, null, Messages.idNotNamedId(name));
        }
        // The id keeps its role even when mistyped, so the resource is not also reported as missing one.
        FieldConstraints read = FieldOptionsReader.read(field, STRING, false);
        FieldConstraints options = new FieldConstraints(true, true, read.defaultValue(), false, read.maxLength(),
                read.min(), read.max(), read.pattern(), read.searchable(), read.readOnly(), read.readRule(),
                read.writeRule(), read.analyzer());
        return fieldOnly(new FieldModel(name, STRING, FieldRole.ID, options, component));
    }

    private ComponentParts timestamp(RecordComponentElement component, String name, TypeMirror type,
            Optional<AnnotationMirror> field, String annotation, FieldRole role) {
        if (!(TypeMapper.map(type) instanceof TypeMapping.Mapped mapped && mapped.type().is(ScalarKind.DATETIME))) {
            diagnostics.error(component, annotation, null,
                    Messages.invalidTimestamp(simpleName(annotation), name, TypeMapper.describe(type)));
            return ComponentParts.none();
        }
        FieldType datetime = new FieldType.Scalar(ScalarKind.DATETIME);
        return fieldOnly(new FieldModel(name, datetime, role, FieldOptionsReader.read(field, datetime, false),
                component));
    }

    private ComponentParts data(RecordComponentElement component, String name, TypeMirror type,
            Optional<AnnotationMirror> field) {
        return switch (TypeMapper.map(type)) {
            case TypeMapping.Mapped mapped -> fieldOnly(new FieldModel(name, mapped.type(), FieldRole.DATA,
                    FieldOptionsReader.read(field, mapped.type(), mapped.primitive()), component));
            case TypeMapping.StringList list -> {
                diagnostics.error(component, Messages.listWithoutRelation(name, resource));
                yield ComponentParts.none();
            }
            case TypeMapping.Unsupported unsupported -> {
                diagnostics.error(component, Messages.unsupportedType(name, resource, TypeMapper.describe(type)));
                yield ComponentParts.none();
            }
        };
    }

    private ComponentParts relation(RecordComponentElement component, String name, TypeMirror type,
            Optional<AnnotationMirror> field, AnnotationMirror mirror) {
        AnnotationReader reader = new AnnotationReader(mirror);
        RelationKind kind = RelationKind.valueOf(reader.enumConstant("kind"));
        String inverse = reader.string("inverse").isEmpty() ? null : reader.string("inverse");
        ClassName target = targetOf(reader.type("to"));
        String relationName = !reader.string("name").isEmpty() ? reader.string("name")
                : kind == RelationKind.MANY_ONE ? NamingRules.manyOneRelationName(name) : name;
        boolean stringType = TypeMapper.isString(type);
        boolean listType = TypeMapper.isStringListType(type);
        switch (kind) {
            case MANY_ONE -> {
                if (!stringType) {
                    diagnostics.error(component, AnnotationNames.RELATION, "kind", Messages.relationWrongType(
                            name, kind.name(), TypeMapper.describe(type), "String (the target's id)"));
                }
                return new ComponentParts(
                        Optional.of(new FieldModel(name, STRING, FieldRole.DATA,
                                FieldOptionsReader.read(field, STRING, false), component)),
                        Optional.of(new RelationModel(relationName, kind, target, null, name, inverse, component)),
                        List.of());
            }
            case MANY_MANY -> {
                if (!listType) {
                    diagnostics.error(component, AnnotationNames.RELATION, "kind", Messages.relationWrongType(
                            name, kind.name(), TypeMapper.describe(type), "List<String> (the targets' ids)"));
                }
                FieldType ids = new FieldType.IdList();
                return new ComponentParts(
                        Optional.of(new FieldModel(name, ids, FieldRole.DATA,
                                FieldOptionsReader.read(field, ids, false), component)),
                        Optional.of(new RelationModel(relationName, kind, target, null, name, inverse, component)),
                        List.of());
            }
            case ONE_MANY -> {
                if (!listType) {
                    diagnostics.error(component, AnnotationNames.RELATION, "kind", Messages.relationWrongType(
                            name, kind.name(), TypeMapper.describe(type), "List<String> (the targets' ids)"));
                }
                if (inverse == null) {
                    diagnostics.error(component, AnnotationNames.RELATION, "kind",
                            Messages.oneManyWithoutInverse(name));
                }
                if (field.isPresent()) {
                    diagnostics.error(component, AnnotationNames.FIELD, null, Messages.oneManyNotStored(name, "Field"));
                }
                // The field on the target's side is only known once every resource is collected.
                return new ComponentParts(Optional.empty(),
                        Optional.of(new RelationModel(relationName, kind, target, null, null, inverse, component)),
                        List.of());
            }
            default -> throw new IllegalStateException("unknown relation kind " + kind);
        }
    }

    private List<IndexModel> indexes(RecordComponentElement component, String name, ComponentParts parts) {
        List<AnnotationMirror> mirrors = AnnotationLookup.indexes(component);
        List<IndexModel> indexes = new ArrayList<>();
        for (int i = 0; i < mirrors.size(); i++) {
            AnnotationReader reader = new AnnotationReader(mirrors.get(i));
            if (!reader.strings("fields").isEmpty()) {
                diagnostics.indexError(component, i, "fields", Messages.fieldsOnComponentIndex(name));
                continue;
            }
            if (parts.field().isEmpty()) {
                if (parts.relation().isPresent()) {
                    diagnostics.indexError(component, i, null, Messages.oneManyNotStored(name, "Index"));
                }
                continue;
            }
            FieldModel field = parts.field().get();
            if (field.type() instanceof FieldType.IdList) {
                diagnostics.indexError(component, i, null, Messages.listNotIndexable(name));
                continue;
            }
            String indexName = reader.string("name").isEmpty()
                    ? resource + "_" + field.column() + "_idx"
                    : reader.string("name");
            indexes.add(new IndexModel(indexName, List.of(IndexModel.Key.ascending(name)), component, i));
        }
        return indexes;
    }

    /**
     * A target that is not a class ({@code int.class}) is kept as {@code Object}: validation then reports
     * it as no resource and lists the resources to choose from. Unresolved targets never get here; their
     * record is deferred.
     */
    private static ClassName targetOf(TypeMirror to) {
        if (to != null && to.getKind() == TypeKind.DECLARED) {
            return ClassName.get((TypeElement) ((DeclaredType) to).asElement());
        }
        return ClassName.OBJECT;
    }

    private static ComponentParts fieldOnly(FieldModel field) {
        return new ComponentParts(Optional.of(field), Optional.empty(), List.of());
    }

    private static String simpleName(String qualifiedName) {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }
}
