package dev.datafn.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.datafn.processor.model.FieldType;

/**
 * The JDK types generated code names, and the Java type of each field's values: always the wrapper, never
 * the primitive.
 */
final class JavaTypes {

    /** {@code java.lang.String}. */
    static final ClassName STRING = ClassName.get("java.lang", "String");

    /** {@code java.util.List}. */
    static final ClassName LIST = ClassName.get("java.util", "List");

    /** {@code java.util.List<String>}. */
    static final TypeName STRING_LIST = ParameterizedTypeName.get(LIST, STRING);

    private JavaTypes() {
    }

    /** @param type a field type @return the Java type holding its values */
    static TypeName valueType(FieldType type) {
        return switch (type) {
            case FieldType.EnumType enumType -> enumType.className();
            case FieldType.IdList ignored -> STRING_LIST;
            case FieldType.Scalar scalar -> switch (scalar.kind()) {
                case STRING -> STRING;
                case BOOLEAN -> ClassName.get("java.lang", "Boolean");
                case INTEGER -> ClassName.get("java.lang", "Integer");
                case LONG -> ClassName.get("java.lang", "Long");
                case NUMBER -> ClassName.get("java.lang", "Double");
                case DECIMAL -> ClassName.get("java.math", "BigDecimal");
                case DATETIME -> ClassName.get("java.time", "Instant");
                case DATE -> ClassName.get("java.time", "LocalDate");
                case JSON -> RuntimeTypes.JSON_NODE;
            };
        };
    }
}
