package dev.datafn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The runtime's floor plan, held against its bytecode: each layer imports only the layers below it, and no
 * two packages import each other, directly or round a circle. The README's layout section shows the same
 * layers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {

    /**
     * The layers from the ground up; each names its packages ({@code ..} takes the sub-packages too). A
     * class may use its own layer and the ones listed before it.
     */
    static final List<Layer> LAYERS = List.of(
            new Layer("error", "dev.datafn.error"),
            new Layer("timing", "dev.datafn.timing"),
            new Layer("json", "dev.datafn.json"),
            new Layer("row contracts", "dev.datafn.internal"),
            new Layer("built-in rows", "dev.datafn.kv"),
            new Layer("settings", "dev.datafn.config"),
            new Layer("schema", "dev.datafn.schema"),
            new Layer("access", "dev.datafn.access"),
            new Layer("query", "dev.datafn.query.."),
            new Layer("db", "dev.datafn.db.."),
            new Layer("changelog", "dev.datafn.changelog"),
            new Layer("sequence", "dev.datafn.sequence"),
            new Layer("mutation", "dev.datafn.mutation.."),
            new Layer("sync", "dev.datafn.sync"),
            new Layer("search", "dev.datafn.search"),
            new Layer("plugin", "dev.datafn.plugin"),
            new Layer("engine", "dev.datafn"),
            new Layer("realtime", "dev.datafn.realtime"),
            new Layer("http", "dev.datafn.spi", "dev.datafn.http"),
            new Layer("repository", "dev.datafn.repository"),
            new Layer("observe", "dev.datafn.observe"));

    private JavaClasses runtime;

    @BeforeAll
    void importRuntime() throws URISyntaxException {
        // The runtime's own classes only: the annotations module shares the dev.datafn prefix.
        runtime = new ClassFileImporter().importPath(
                Path.of(DataFn.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    }

    @Test
    void everyRuntimePackageHasItsLayer() {
        List<String> unplaced = runtime.stream()
                .map(c -> c.getPackageName())
                .distinct()
                .filter(p -> LAYERS.stream().noneMatch(l -> l.holds(p)))
                .toList();
        assertThat(unplaced)
                .as("packages without a layer in ArchitectureTest.LAYERS").isEmpty();
    }

    @Test
    void eachLayerImportsOnlyTheLayersBelowIt() {
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            Layer layer = LAYERS.get(i);
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream()
                    .flatMap(l -> Stream.of(l.packages()))
                    .toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAnyPackage(layer.packages())
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .as("the " + layer.name() + " layer imports no layer above it");
            violations.addAll(rule.evaluate(runtime).getFailureReport().getDetails());
        }
        assertThat(violations).as("imports that run up a layer").isEmpty();
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.(**)").should().beFreeOfCycles().check(runtime);
    }

    /**
     * One floor of the runtime.
     *
     * @param name     what the layer is, for failure messages
     * @param packages its packages, in ArchUnit's notation
     */
    record Layer(String name, String... packages) {

        boolean holds(String packageName) {
            for (String p : packages) {
                boolean withSubpackages = p.endsWith("..");
                String base = withSubpackages ? p.substring(0, p.length() - 2) : p;
                if (packageName.equals(base) || (withSubpackages && packageName.startsWith(base + "."))) {
                    return true;
                }
            }
            return false;
        }
    }
}
