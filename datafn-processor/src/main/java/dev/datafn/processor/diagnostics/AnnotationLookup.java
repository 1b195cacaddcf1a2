package dev.datafn.processor.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Finds annotation mirrors and their values on elements, by the annotation's qualified name. */
public final class AnnotationLookup {

    private AnnotationLookup() {
    }

    /**
     * @param element       an element
     * @param qualifiedName the annotation's qualified name
     * @return the annotation directly on the element, if present
     */
    public static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (nameOf(mirror).equals(qualifiedName)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    /**
     * Lists the {@code @Index} annotations of an element in source order, looking inside the
     * {@code @Index.List} container javac builds when the annotation is repeated.
     *
     * @param element an element
     * @return the index annotations
     */
    public static List<AnnotationMirror> indexes(Element element) {
        List<AnnotationMirror> found = new ArrayList<>();
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            String name = nameOf(mirror);
            if (name.equals(AnnotationNames.INDEX)) {
                found.add(mirror);
            } else if (name.equals(AnnotationNames.INDEX_LIST)) {
                explicitValue(mirror, "value").ifPresent(value -> {
                    if (value.getValue() instanceof List<?> items) {
                        for (Object item : items) {
                            if (item instanceof AnnotationValue v && v.getValue() instanceof AnnotationMirror m) {
                                found.add(m);
                            }
                        }
                    }
                });
            }
        }
        return found;
    }

    /**
     * @param mirror    an annotation
     * @param attribute an attribute name
     * @return the value written in source, or empty when the attribute takes its default
     */
    public static Optional<AnnotationValue> explicitValue(AnnotationMirror mirror, String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : mirror.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(attribute)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * @param mirror    an annotation
     * @param attribute an attribute name
     * @return the value written in source, else the attribute's default, else empty
     */
    public static Optional<Object> valueOrDefault(AnnotationMirror mirror, String attribute) {
        Optional<AnnotationValue> explicit = explicitValue(mirror, attribute);
        if (explicit.isPresent()) {
            return Optional.of(explicit.get().getValue());
        }
        for (Element member : mirror.getAnnotationType().asElement().getEnclosedElements()) {
            if (member instanceof ExecutableElement method
                    && method.getSimpleName().contentEquals(attribute)
                    && method.getDefaultValue() != null) {
                return Optional.of(method.getDefaultValue().getValue());
            }
        }
        return Optional.empty();
    }

    /** @param mirror an annotation @return its type's qualified name */
    public static String nameOf(AnnotationMirror mirror) {
        return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
    }
}
