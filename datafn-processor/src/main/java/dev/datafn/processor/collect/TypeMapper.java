package dev.datafn.processor.collect;

import com.palantir.javapoet.ClassName;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.ScalarKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Maps record component types to field types (see the type table in the processor's documentation). */
final class TypeMapper {

    /** The qualified name of Jackson's tree type, the Java type of a {@code json} field. */
    static final String JSON_NODE = "com.fasterxml.jackson.databind.JsonNode";

    private static final Map<String, ScalarKind> DECLARED = Map.of(
            "java.lang.String", ScalarKind.STRING,
            "java.lang.Boolean", ScalarKind.BOOLEAN,
            "java.lang.Integer", ScalarKind.INTEGER,
            "java.lang.Long", ScalarKind.LONG,
            "java.lang.Double", ScalarKind.NUMBER,
            "java.math.BigDecimal", ScalarKind.DECIMAL,
            "java.time.Instant", ScalarKind.DATETIME,
            "java.time.LocalDate", ScalarKind.DATE,
            JSON_NODE, ScalarKind.JSON);

    private static final Map<TypeKind, ScalarKind> PRIMITIVE = Map.of(
            TypeKind.BOOLEAN, ScalarKind.BOOLEAN,
            TypeKind.INT, ScalarKind.INTEGER,
            TypeKind.LONG, ScalarKind.LONG,
            TypeKind.DOUBLE, ScalarKind.NUMBER);

    private static final Pattern PACKAGE_PREFIX = Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+(?=[A-Z@])");

    private TypeMapper() {
    }

    /** @param type a component type @return what it maps to */
    static TypeMapping map(TypeMirror type) {
        if (PRIMITIVE.containsKey(type.getKind())) {
            return new TypeMapping.Mapped(new FieldType.Scalar(PRIMITIVE.get(type.getKind())), true);
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return new TypeMapping.Unsupported();
        }
        DeclaredType declared = (DeclaredType) type;
        TypeElement element = (TypeElement) declared.asElement();
        String name = element.getQualifiedName().toString();
        if (DECLARED.containsKey(name)) {
            return new TypeMapping.Mapped(new FieldType.Scalar(DECLARED.get(name)), false);
        }
        if (element.getKind() == ElementKind.ENUM) {
            List<String> constants = element.getEnclosedElements().stream()
                    .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
                    .map(e -> e.getSimpleName().toString())
                    .toList();
            return new TypeMapping.Mapped(new FieldType.EnumType(ClassName.get(element), constants), false);
        }
        if (isStringList(declared)) {
            return new TypeMapping.StringList();
        }
        return new TypeMapping.Unsupported();
    }

    /** @param type a type @return whether it is {@code java.lang.String} */
    static boolean isString(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals("java.lang.String");
    }

    private static boolean isStringList(DeclaredType type) {
        return ((TypeElement) type.asElement()).getQualifiedName().contentEquals("java.util.List")
                && type.getTypeArguments().size() == 1
                && isString(type.getTypeArguments().get(0));
    }

    /** @param type a type @return whether it is {@code java.util.List<String>} */
    static boolean isStringListType(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED && isStringList((DeclaredType) type);
    }

    /**
     * Lists the parts of a type javac could not resolve yet, e.g. a type another processor generates
     * in a later round.
     *
     * @param type a type
     * @return the unresolved names, empty when the type is complete
     */
    static Set<String> unresolved(TypeMirror type) {
        Set<String> names = new TreeSet<>();
        collectUnresolved(type, names);
        return names;
    }

    private static void collectUnresolved(TypeMirror type, Set<String> names) {
        switch (type.getKind()) {
            case ERROR -> names.add(type.toString());
            case DECLARED -> ((DeclaredType) type).getTypeArguments().forEach(arg -> collectUnresolved(arg, names));
            case ARRAY -> collectUnresolved(((ArrayType) type).getComponentType(), names);
            default -> {
            }
        }
    }

    /** @param type a type @return the type as a reader writes it, without package names */
    static String describe(TypeMirror type) {
        return PACKAGE_PREFIX.matcher(type.toString()).replaceAll("");
    }
}
