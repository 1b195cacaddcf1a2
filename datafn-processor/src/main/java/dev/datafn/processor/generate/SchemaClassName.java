package dev.datafn.processor.generate;

import com.palantir.javapoet.ClassName;
import dev.datafn.processor.model.NamingRules;
import dev.datafn.processor.model.ResourceModel;
import dev.datafn.processor.model.SchemaModel;
import java.util.Comparator;
import java.util.Optional;
import javax.lang.model.SourceVersion;

/** Decides the name of the compilation's schema class. */
public final class SchemaClassName {

    /** The processor option that names the schema class. */
    public static final String OPTION = "datafn.schemaClass";

    private SchemaClassName() {
    }

    /**
     * Without the option, the class goes in the package of the alphabetically first resource record and
     * is named after the package's last segment: {@code dev.datafn.example.todo} gives
     * {@code dev.datafn.example.todo.TodoSchema}.
     *
     * @param option the option's value, or {@code null}
     * @param schema a schema with at least one resource
     * @return the class name, or empty when the option is not a qualified class name
     */
    public static Optional<ClassName> resolve(String option, SchemaModel schema) {
        if (option != null && !option.isBlank()) {
            String name = option.strip();
            if (!SourceVersion.isName(name)) {
                return Optional.empty();
            }
            int dot = name.lastIndexOf('.');
            return Optional.of(dot < 0
                    ? ClassName.get("", name)
                    : ClassName.get(name.substring(0, dot), name.substring(dot + 1)));
        }
        String pkg = schema.resources().stream()
                .min(Comparator.comparing(ResourceModel::qualifiedName))
                .map(first -> first.recordType().packageName())
                .orElse("");
        String lastSegment = pkg.substring(pkg.lastIndexOf('.') + 1);
        String simpleName = lastSegment.isEmpty() ? "DataFnSchema" : NamingRules.capitalize(lastSegment) + "Schema";
        return Optional.of(ClassName.get(pkg, simpleName));
    }
}
