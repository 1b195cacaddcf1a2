package dev.datafn.processor;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The processor's packages keep the pipeline's direction: {@code collect} reads the sources into the
 * {@code model}, {@code validate} checks it, {@code generate} writes from the validated model, and only
 * {@link DataFnProcessor} knows all three. {@code model}, {@code json} and {@code diagnostics} are at the
 * bottom and know no stage, and no stage knows a later one (or, for {@code generate}, an earlier one: it
 * sees nothing but the validated model).
 */
@AnalyzeClasses(packages = "dev.datafn.processor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule PIPELINE_RUNS_ONE_WAY = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Processor").definedBy("dev.datafn.processor")
            .layer("Collect").definedBy("dev.datafn.processor.collect..")
            .layer("Validate").definedBy("dev.datafn.processor.validate..")
            .layer("Generate").definedBy("dev.datafn.processor.generate..")
            .layer("Diagnostics").definedBy("dev.datafn.processor.diagnostics..")
            .layer("Model").definedBy("dev.datafn.processor.model..")
            .layer("Json").definedBy("dev.datafn.processor.json..")
            .whereLayer("Processor").mayNotBeAccessedByAnyLayer()
            .whereLayer("Collect").mayOnlyAccessLayers("Model", "Json", "Diagnostics")
            .whereLayer("Validate").mayOnlyAccessLayers("Model", "Json", "Diagnostics")
            .whereLayer("Generate").mayOnlyAccessLayers("Model", "Json")
            .whereLayer("Diagnostics").mayNotAccessAnyLayer()
            .whereLayer("Model").mayNotAccessAnyLayer()
            .whereLayer("Json").mayNotAccessAnyLayer();

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.datafn.processor.(*)..")
            .should().beFreeOfCycles();
}
