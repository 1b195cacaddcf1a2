package dev.datafn.processor.model;

import javax.lang.model.element.Element;

/**
 * One stored field of a resource: a record component that has a column (or, for a many-many relation,
 * a link table).
 *
 * @param name        the component name, also the field name on the wire
 * @param type        the value type
 * @param role        who owns the value
 * @param constraints the options
 * @param element     the record component, for error reporting only
 */
public record FieldModel(String name, FieldType type, FieldRole role, FieldConstraints constraints, Element element) {

    /**
     * The database column: {@code id} for the id whatever its name, the link table's target column
     * {@code <field>_id} for a many-many id list, else the snake_case field name.
     *
     * @return the column name, as the runtime's {@code FieldSchema.column()} must hold it
     */
    public String column() {
        return switch (role) {
            case ID -> "id";
            default -> type instanceof FieldType.IdList
                    ? NamingRules.snakeCase(name) + "_id"
                    : NamingRules.snakeCase(name);
        };
    }

    /** @return the name of the field's constant in the generated {@code <Record>Fields} */
    public String constantName() {
        return NamingRules.constantName(name);
    }
}
