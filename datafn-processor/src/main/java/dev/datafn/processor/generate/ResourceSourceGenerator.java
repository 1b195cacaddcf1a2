package dev.datafn.processor.generate;

import com.palantir.javapoet.ClassName;
import dev.datafn.processor.model.ResourceModel;
import java.util.List;

/**
 * The base of the generators that write one companion type per resource record, e.g. {@code TodoFields}
 * for record {@code Todo}: the type is named after the record and the generator's role, and is generated
 * from that record alone. A subclass only builds the type.
 */
public abstract class ResourceSourceGenerator extends SourceFileGenerator<ResourceModel> {

    private final String role;

    /** @param role the suffix of the companion's name, e.g. {@code "Fields"} */
    protected ResourceSourceGenerator(String role) {
        this.role = role;
    }

    @Override
    public final ClassName className(ResourceModel resource) {
        return resource.companion(role);
    }

    @Override
    protected final List<ResourceModel> sources(ResourceModel resource) {
        return List.of(resource);
    }
}
