package dev.datafn.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import dev.datafn.processor.collect.CollectResult;
import dev.datafn.processor.collect.ResourceCollector;
import dev.datafn.processor.diagnostics.AnnotationNames;
import dev.datafn.processor.diagnostics.Diagnostics;
import dev.datafn.processor.diagnostics.Messages;
import dev.datafn.processor.generate.EntityGenerator;
import dev.datafn.processor.generate.FieldsGenerator;
import dev.datafn.processor.generate.LinkEntityGenerator;
import dev.datafn.processor.generate.LinkTable;
import dev.datafn.processor.generate.MutationsGenerator;
import dev.datafn.processor.generate.QueryGenerator;
import dev.datafn.processor.generate.RepositoryGenerator;
import dev.datafn.processor.generate.ResourceFileWriter;
import dev.datafn.processor.generate.ResourceSourceGenerator;
import dev.datafn.processor.generate.RoutesGenerator;
import dev.datafn.processor.generate.SchemaClassName;
import dev.datafn.processor.generate.SchemaProviderGenerator;
import dev.datafn.processor.generate.SourceFileGenerator;
import dev.datafn.processor.model.ResourceModel;
import dev.datafn.processor.model.SchemaModel;
import dev.datafn.processor.validate.SchemaValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The DataFn annotation processor. Over the rounds of a compilation it collects every {@code @Resource}
 * record (deferring those whose types another processor has yet to generate), validates them all
 * together, then generates per record {@code <Record>Fields}, {@code <Record>Query},
 * {@code <Record>Mutations}, {@code <Record>Entity}, {@code <Record>Repository} and
 * {@code <Record>Routes}, per many-many relation its link entity {@code <Record><Field>Link}, and, one
 * round later, the schema class with its service registration, {@code META-INF/datafn/schema.json} and the
 * schema's contracts (OpenAPI, JSON Schemas, Table Schemas, TypeScript declarations; see
 * {@code generate.contract}).
 *
 * <p>Option {@code -Adatafn.schemaClass=com.example.AppSchema} names the schema class; see
 * {@link SchemaClassName}.
 */
@AutoService(Processor.class)
public final class DataFnProcessor extends AbstractProcessor {

    private final List<ResourceSourceGenerator> perResource = List.of(
            new FieldsGenerator(), new QueryGenerator(), new MutationsGenerator(), new EntityGenerator(),
            new RepositoryGenerator(), new RoutesGenerator());
    private final LinkEntityGenerator linkEntities = new LinkEntityGenerator();

    private Diagnostics diagnostics;
    private final List<ResourceModel> collected = new ArrayList<>();
    /** Records whose types are not all resolved yet, by qualified name, with the unresolved names. */
    private final Map<String, Set<String>> deferred = new LinkedHashMap<>();
    /** Records already collected or rejected, by qualified name, so no round reads one twice. */
    private final Set<String> done = new HashSet<>();
    private final Set<String> generated = new HashSet<>();
    /** The schema whose per-record sources are written; its schema class goes out the next round. */
    private SchemaModel pendingSchema;

    /** Creates the processor; javac calls {@link #init} before use. */
    public DataFnProcessor() {
    }

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        diagnostics = new Diagnostics(environment);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(AnnotationNames.RESOURCE);
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(SchemaClassName.OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /** Never lets an exception reach javac: a processor crash would hide every other diagnostic. */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            processRound(round);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            diagnostics.error(null, Messages.internalError("processing a round", e));
        }
        return false;
    }

    private void processRound(RoundEnvironment round) {
        if (round.processingOver()) {
            reportStillDeferred();
            return;
        }
        boolean newResources = collect(round);
        if (!deferred.isEmpty()) {
            return;
        }
        if (newResources) {
            // Generated sources make javac run another round, so the schema class written then is
            // never left to the last round (where javac would warn that it is not processed).
            SchemaModel schema = new SchemaValidator(diagnostics).validate(collected);
            if (!diagnostics.hasErrors()) {
                schema.resources().forEach(this::generateSources);
                pendingSchema = diagnostics.hasErrors() ? null : schema;
            }
        } else if (pendingSchema != null) {
            generateSchema(pendingSchema);
            pendingSchema = null;
        }
    }

    /** @return whether this round brought resources not seen before */
    private boolean collect(RoundEnvironment round) {
        Set<TypeElement> candidates = new LinkedHashSet<>();
        for (String name : List.copyOf(deferred.keySet())) {
            Optional.ofNullable(processingEnv.getElementUtils().getTypeElement(name)).ifPresent(candidates::add);
        }
        TypeElement resource = processingEnv.getElementUtils().getTypeElement(AnnotationNames.RESOURCE);
        if (resource != null) {
            for (Element element : round.getElementsAnnotatedWith(resource)) {
                if (element instanceof TypeElement type) {
                    candidates.add(type);
                }
            }
        }
        ResourceCollector collector = new ResourceCollector(diagnostics);
        boolean found = false;
        for (TypeElement type : candidates) {
            String name = type.getQualifiedName().toString();
            if (done.contains(name)) {
                continue;
            }
            try {
                switch (collector.collect(type)) {
                    case CollectResult.Collected c -> {
                        collected.add(c.resource());
                        found = true;
                        done.add(name);
                        deferred.remove(name);
                    }
                    case CollectResult.Deferred d -> deferred.put(name, d.unresolved());
                    case CollectResult.Rejected r -> {
                        done.add(name);
                        deferred.remove(name);
                    }
                }
            } catch (RuntimeException | LinkageError | AssertionError e) {
                done.add(name);
                deferred.remove(name);
                diagnostics.error(type, Messages.internalError("reading " + name, e));
            }
        }
        return found;
    }

    private void generateSources(ResourceModel resource) {
        if (!generated.add(resource.qualifiedName())) {
            return;
        }
        for (ResourceSourceGenerator generator : perResource) {
            write(generator, resource, resource);
        }
        for (LinkTable link : LinkTable.of(resource)) {
            write(linkEntities, link, resource);
        }
    }

    private <T> void write(SourceFileGenerator<T> generator, T input, ResourceModel resource) {
        try {
            generator.writeTo(processingEnv.getFiler(), input);
        } catch (FilerException e) {
            diagnostics.error(resource.element(), Messages.generatedNameTaken(
                    generator.className(input).canonicalName(), "record " + resource.simpleName()));
        } catch (Exception | LinkageError | AssertionError e) {
            diagnostics.error(resource.element(), Messages.internalError(
                    "writing " + generator.className(input).canonicalName(), e));
        }
    }

    private void generateSchema(SchemaModel schema) {
        String option = processingEnv.getOptions().get(SchemaClassName.OPTION);
        Optional<ClassName> className = SchemaClassName.resolve(option, schema);
        if (className.isEmpty()) {
            diagnostics.error(null, Messages.invalidSchemaClassOption(SchemaClassName.OPTION, option));
            return;
        }
        try {
            new SchemaProviderGenerator(className.get()).writeTo(processingEnv.getFiler(), schema);
            new ResourceFileWriter(processingEnv.getFiler()).write(schema, className.get());
        } catch (FilerException e) {
            diagnostics.error(null, Messages.generatedNameTaken(className.get().canonicalName(), "the schema"));
        } catch (Exception | LinkageError | AssertionError e) {
            diagnostics.error(null, Messages.internalError("writing " + className.get().canonicalName(), e));
        }
    }

    private void reportStillDeferred() {
        deferred.forEach((name, unresolved) -> diagnostics.error(
                processingEnv.getElementUtils().getTypeElement(name),
                Messages.unresolvedTypes(name.substring(name.lastIndexOf('.') + 1), unresolved)));
    }
}
