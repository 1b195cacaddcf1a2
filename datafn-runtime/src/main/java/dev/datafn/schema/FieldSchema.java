package dev.datafn.schema;

import java.util.List;
import java.util.Objects;

/**
 * One field of a resource as the runtime sees it: its name, type, constraints and the entity column
 * that stores it. Generated schema providers build these with {@link #builder(String, FieldType)}.
 *
 * @param name         the field name on the wire and in the record
 * @param type         the value type
 * @param role         who owns the value
 * @param column       the database column (for {@link FieldType#ID_LIST}, the link table's target column)
 * @param required     the value must be present and non-null on insert
 * @param unique       no two records of a namespace share the value
 * @param defaultValue the default as JSON text, or {@code null} for none
 * @param maxLength    the longest accepted string, or {@code null}
 * @param min          the smallest accepted number, or {@code null}
 * @param max          the largest accepted number, or {@code null}
 * @param pattern      a regular expression the whole string must match, or {@code null}
 * @param searchable   the field takes part in full-text search
 * @param readOnly     clients may not write the field
 * @param enumValues   the accepted constants of an {@link FieldType#ENUM} field, else empty
 */
public record FieldSchema(
        String name,
        FieldType type,
        FieldRole role,
        String column,
        boolean required,
        boolean unique,
        String defaultValue,
        Integer maxLength,
        Double min,
        Double max,
        String pattern,
        boolean searchable,
        boolean readOnly,
        List<String> enumValues) {

    /** Checks that the mandatory parts are present and copies the enum constants. */
    public FieldSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(column, "column");
        enumValues = List.copyOf(enumValues);
    }

    /**
     * Hashes the name and type only: fields are map keys on every request's path, and a record's own hash
     * walks all fourteen components. Equal fields have equal names and types, so this agrees with
     * {@link #equals}.
     */
    @Override
    public int hashCode() {
        return name.hashCode() * 31 + type.hashCode();
    }

    /** Whether a client may set the field in an insert or update. */
    public boolean clientWritable() {
        return !readOnly && !role.serverOwned();
    }

    /**
     * Starts a field description.
     *
     * @param name the field name
     * @param type the value type
     * @return a builder whose column defaults to the snake_case form of the name
     */
    public static Builder builder(String name, FieldType type) {
        return new Builder(name, type);
    }

    /** Builds a {@link FieldSchema}; every option starts unset. */
    public static final class Builder {
        private final String name;
        private final FieldType type;
        private FieldRole role = FieldRole.DATA;
        private String column;
        private boolean required;
        private boolean unique;
        private String defaultValue;
        private Integer maxLength;
        private Double min;
        private Double max;
        private String pattern;
        private boolean searchable;
        private boolean readOnly;
        private List<String> enumValues = List.of();

        private Builder(String name, FieldType type) {
            this.name = name;
            this.type = type;
            this.column = SchemaNames.toSnakeCase(name);
        }

        /** Sets who owns the value. @param role the role @return this builder */
        public Builder role(FieldRole role) {
            this.role = role;
            return this;
        }

        /** Sets the column. @param column the column name @return this builder */
        public Builder column(String column) {
            this.column = column;
            return this;
        }

        /** Marks the field required. @return this builder */
        public Builder required() {
            this.required = true;
            return this;
        }

        /** Marks the field unique within a namespace. @return this builder */
        public Builder unique() {
            this.unique = true;
            return this;
        }

        /** Sets the default. @param json the default as JSON text @return this builder */
        public Builder defaultValue(String json) {
            this.defaultValue = json;
            return this;
        }

        /** Sets the maximum length. @param maxLength characters @return this builder */
        public Builder maxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /** Sets the minimum. @param min the smallest accepted value @return this builder */
        public Builder min(double min) {
            this.min = min;
            return this;
        }

        /** Sets the maximum. @param max the largest accepted value @return this builder */
        public Builder max(double max) {
            this.max = max;
            return this;
        }

        /** Sets the pattern. @param regex a java.util.regex expression @return this builder */
        public Builder pattern(String regex) {
            this.pattern = regex;
            return this;
        }

        /** Marks the field searchable. @return this builder */
        public Builder searchable() {
            this.searchable = true;
            return this;
        }

        /** Marks the field read-only for clients. @return this builder */
        public Builder readOnly() {
            this.readOnly = true;
            return this;
        }

        /** Sets the enum constants. @param values the constants' names @return this builder */
        public Builder enumValues(String... values) {
            this.enumValues = List.of(values);
            return this;
        }

        /** @return the field description */
        public FieldSchema build() {
            return new FieldSchema(name, type, role, column, required, unique, defaultValue, maxLength, min, max,
                    pattern, searchable, readOnly, enumValues);
        }
    }
}
