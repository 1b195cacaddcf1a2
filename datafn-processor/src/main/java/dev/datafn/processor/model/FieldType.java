package dev.datafn.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/** The value type of a field: a scalar, a Java enum, or the id list of a many-many relation. */
public sealed interface FieldType permits FieldType.Scalar, FieldType.EnumType, FieldType.IdList {

    /** @return the type's name in {@code schema.json} */
    String wireName();

    /** @return the name of the matching {@code dev.datafn.schema.FieldType} constant */
    String runtimeConstant();

    /** @return whether the type is the given scalar kind */
    default boolean is(ScalarKind kind) {
        return this instanceof Scalar scalar && scalar.kind() == kind;
    }

    /** @return whether {@code min} and {@code max} apply */
    default boolean isNumeric() {
        return this instanceof Scalar scalar && scalar.kind().isNumeric();
    }

    /**
     * A single-valued type other than an enum.
     *
     * @param kind which scalar
     */
    record Scalar(ScalarKind kind) implements FieldType {
        @Override
        public String wireName() {
            return kind.wireName();
        }

        @Override
        public String runtimeConstant() {
            return kind.name();
        }
    }

    /**
     * A Java enum, stored and sent as the constant's name.
     *
     * @param className the enum type
     * @param constants the constants' names, in declaration order
     */
    record EnumType(ClassName className, List<String> constants) implements FieldType {
        /** Copies the constants. */
        public EnumType {
            constants = List.copyOf(constants);
        }

        @Override
        public String wireName() {
            return "enum";
        }

        @Override
        public String runtimeConstant() {
            return "ENUM";
        }
    }

    /** The {@code List<String>} of target ids of a many-many relation. */
    record IdList() implements FieldType {
        @Override
        public String wireName() {
            return "string[]";
        }

        @Override
        public String runtimeConstant() {
            return "ID_LIST";
        }
    }
}
