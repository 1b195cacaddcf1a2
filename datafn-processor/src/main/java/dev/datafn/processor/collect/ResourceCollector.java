package dev.datafn.processor.collect;

import com.palantir.javapoet.ClassName;
import dev.datafn.processor.diagnostics.AnnotationLookup;
import dev.datafn.processor.diagnostics.AnnotationNames;
import dev.datafn.processor.diagnostics.Diagnostics;
import dev.datafn.processor.diagnostics.Messages;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.IndexModel;
import dev.datafn.processor.model.NamingRules;
import dev.datafn.processor.model.PolicyModel;
import dev.datafn.processor.model.RelationModel;
import dev.datafn.processor.model.ResourceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Reads a type annotated with {@code @Resource} into a {@link ResourceModel}. */
public final class ResourceCollector {

    private final Diagnostics diagnostics;

    /** @param diagnostics where problems go */
    public ResourceCollector(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * @param type a type annotated with {@code @Resource}
     * @return the resource, or why there is none yet
     */
    public CollectResult collect(TypeElement type) {
        if (type.getKind() != ElementKind.RECORD) {
            diagnostics.error(type, Messages.notARecord(type.getKind().name().toLowerCase(Locale.ROOT)
                    .replace('_', ' '), type.getSimpleName().toString()));
            return new CollectResult.Rejected();
        }
        Set<String> unresolved = unresolvedTypes(type);
        if (!unresolved.isEmpty()) {
            return new CollectResult.Deferred(unresolved);
        }
        if (!isPublic(type)) {
            diagnostics.error(type, Messages.notPublic(type.getSimpleName().toString()));
        }
        if (!type.getTypeParameters().isEmpty()) {
            diagnostics.error(type, Messages.genericRecord(type.getSimpleName().toString()));
        }
        AnnotationReader resource = new AnnotationReader(
                AnnotationLookup.find(type, AnnotationNames.RESOURCE).orElseThrow());
        String name = resource.string("name");
        ComponentCollector components = new ComponentCollector(diagnostics, name);
        List<FieldModel> fields = new ArrayList<>();
        List<RelationModel> relations = new ArrayList<>();
        List<IndexModel> indexes = new ArrayList<>();
        for (RecordComponentElement component : type.getRecordComponents()) {
            ComponentParts parts = components.collect(component);
            parts.field().ifPresent(fields::add);
            parts.relation().ifPresent(relations::add);
            indexes.addAll(parts.indexes());
        }
        indexes.addAll(recordIndexes(type, name));
        PolicyModel policy = AnnotationLookup.find(type, AnnotationNames.POLICY)
                .map(AnnotationReader::new)
                .map(p -> new PolicyModel(p.string("read"), p.string("write")))
                .orElse(null);
        return new CollectResult.Collected(new ResourceModel(name, resource.integer("version"),
                resource.string("idPrefix"), ClassName.get(type), type, fields, relations, indexes, policy));
    }

    private List<IndexModel> recordIndexes(TypeElement type, String resource) {
        List<AnnotationMirror> mirrors = AnnotationLookup.indexes(type);
        List<IndexModel> indexes = new ArrayList<>();
        for (int i = 0; i < mirrors.size(); i++) {
            AnnotationReader reader = new AnnotationReader(mirrors.get(i));
            List<String> fields = reader.strings("fields");
            if (fields.isEmpty()) {
                diagnostics.indexError(type, i, "fields", Messages.emptyRecordIndex());
                continue;
            }
            List<IndexModel.Key> keys = new ArrayList<>();
            for (String written : fields) {
                IndexModel.Key key = IndexModel.Key.parse(written);
                if (key == null) {
                    diagnostics.indexError(type, i, "fields", Messages.invalidIndexDirection(written));
                } else {
                    keys.add(key);
                }
            }
            if (keys.size() < fields.size()) {
                continue;
            }
            String name = reader.string("name").isEmpty()
                    ? resource + "_" + keys.stream()
                            .map(k -> NamingRules.snakeCase(k.field()) + (k.ascending() ? "" : "_desc"))
                            .collect(Collectors.joining("_")) + "_idx"
                    : reader.string("name");
            indexes.add(new IndexModel(name, keys, type, i));
        }
        return indexes;
    }

    /** Component types and relation targets that javac could not resolve (yet). */
    private static Set<String> unresolvedTypes(TypeElement type) {
        Set<String> names = new TreeSet<>();
        for (RecordComponentElement component : type.getRecordComponents()) {
            names.addAll(TypeMapper.unresolved(component.asType()));
            AnnotationLookup.find(component, AnnotationNames.RELATION).ifPresent(relation -> {
                Object to = AnnotationLookup.valueOrDefault(relation, "to").orElse(null);
                if (to instanceof TypeMirror target) {
                    if (target.getKind() == TypeKind.ERROR) {
                        names.add(target.toString());
                    }
                } else {
                    names.add("the @Relation target of '" + component.getSimpleName() + "'");
                }
            });
        }
        return names;
    }

    private static boolean isPublic(TypeElement type) {
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (!e.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }
}
