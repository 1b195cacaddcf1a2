package dev.datafn.processor.collect;

import dev.datafn.processor.diagnostics.AnnotationLookup;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Reads typed attribute values of one annotation mirror, falling back to the attribute's default. It
 * reads mirrors, not reflective proxies, because a {@code Class} value may name a type that does not
 * exist yet.
 */
final class AnnotationReader {

    private final AnnotationMirror mirror;

    /** @param mirror the annotation to read */
    AnnotationReader(AnnotationMirror mirror) {
        this.mirror = mirror;
    }

    /** @param attribute a boolean attribute @return its value */
    boolean bool(String attribute) {
        return value(attribute) instanceof Boolean b && b;
    }

    /** @param attribute a String attribute @return its value, empty when absent */
    String string(String attribute) {
        return value(attribute) instanceof String s ? s : "";
    }

    /** @param attribute an int attribute @return its value, 0 when absent */
    int integer(String attribute) {
        return value(attribute) instanceof Integer i ? i : 0;
    }

    /** @param attribute a double attribute @return its value, NaN when absent */
    double decimal(String attribute) {
        return value(attribute) instanceof Double d ? d : Double.NaN;
    }

    /** @param attribute an enum attribute @return the constant's name, empty when absent */
    String enumConstant(String attribute) {
        return value(attribute) instanceof VariableElement constant ? constant.getSimpleName().toString() : "";
    }

    /**
     * @param attribute a {@code Class} attribute
     * @return the type, or {@code null} when javac could not attribute it (it may then hold an error type
     *         or the text {@code <error>})
     */
    TypeMirror type(String attribute) {
        return value(attribute) instanceof TypeMirror type ? type : null;
    }

    /** @param attribute a String[] attribute @return its values */
    List<String> strings(String attribute) {
        List<String> values = new ArrayList<>();
        if (value(attribute) instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof AnnotationValue v && v.getValue() instanceof String s) {
                    values.add(s);
                }
            }
        }
        return values;
    }

    private Object value(String attribute) {
        return AnnotationLookup.valueOrDefault(mirror, attribute).orElse(null);
    }
}
