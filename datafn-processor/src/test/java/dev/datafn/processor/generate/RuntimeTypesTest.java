package dev.datafn.processor.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.ClassName;
import dev.datafn.processor.model.NamingRules;
import dev.datafn.processor.validate.NamePatterns;
import dev.datafn.schema.SchemaNames;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The processor names runtime classes without depending on them; this test holds every name, and every
 * rule the processor duplicates, against the real runtime on the test class path. It checks both ways:
 * every name in {@link RuntimeTypes} is a real class, and every public type of the runtime packages that
 * exist for generated code is named there or listed as one generated code does not name, so a type added
 * for generated code without the processor knowing fails here.
 */
class RuntimeTypesTest {

    /**
     * The runtime packages that exist for generated code. When a runtime class moves to another such
     * package, the package goes here.
     */
    private static final List<String> GENERATED_CODE_PACKAGES = List.of(
            "dev.datafn.internal",
            "dev.datafn.query.typed",
            "dev.datafn.mutation.typed",
            "dev.datafn.repository");

    /**
     * Public types of {@link #GENERATED_CODE_PACKAGES} that generated code does not name, each with why:
     * users reach them through the types generated code returns.
     */
    private static final Map<String, String> NOT_NAMED_BY_GENERATED_CODE = Map.of(
            "dev.datafn.query.typed.FieldHandle", "the base of the field handles, which are named",
            "dev.datafn.query.typed.ValueField", "the base of the field handles, which are named",
            "dev.datafn.query.typed.RangeField", "the base of the ordered field handles, which are named",
            "dev.datafn.query.typed.ScalarField", "what sorting and grouping take; the handles implement it",
            "dev.datafn.query.typed.SortKey", "made by a field handle's asc() or desc() in user code",
            "dev.datafn.query.typed.Aggregate", "made by a field handle's aggregate methods in user code",
            "dev.datafn.mutation.typed.ResourceMutation", "the base of the typed mutations, which are named");

    @Test
    void everyRuntimeTypeExists() throws Exception {
        List<String> missing = new ArrayList<>();
        Map<String, ClassName> named = namedTypes();
        named.forEach((constant, name) -> {
            try {
                Class.forName(name.reflectionName(), false, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                missing.add(constant + " = " + name.reflectionName());
            }
        });
        assertThat(named).hasSizeGreaterThan(30);
        assertThat(missing).isEmpty();
    }

    @Test
    void everyRuntimeTypeForGeneratedCodeIsNamed() throws Exception {
        Set<String> named = new HashSet<>();
        namedTypes().values().forEach(name -> named.add(name.reflectionName()));
        List<String> found = new ArrayList<>();
        for (String packageName : GENERATED_CODE_PACKAGES) {
            List<String> types = publicTypes(packageName);
            assertThat(types).as("public types of %s on the test class path", packageName).isNotEmpty();
            found.addAll(types);
        }
        assertThat(found.stream().filter(t -> !named.contains(t) && !NOT_NAMED_BY_GENERATED_CODE.containsKey(t)))
                .as("runtime types for generated code that RuntimeTypes does not name; name them there, or "
                        + "list them in NOT_NAMED_BY_GENERATED_CODE with the reason")
                .isEmpty();
        assertThat(NOT_NAMED_BY_GENERATED_CODE.keySet().stream().filter(t -> !found.contains(t) || named.contains(t)))
                .as("listed in NOT_NAMED_BY_GENERATED_CODE, but named by RuntimeTypes or no longer found")
                .isEmpty();
    }

    /** @return each {@code ClassName} constant of {@link RuntimeTypes} by its field name */
    private static Map<String, ClassName> namedTypes() throws IllegalAccessException {
        Map<String, ClassName> named = new TreeMap<>();
        for (Field field : RuntimeTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ClassName.class) {
                field.setAccessible(true);
                named.put(field.getName(), (ClassName) field.get(null));
            }
        }
        return named;
    }

    /** The public types, nested ones included, of one package as the test class path holds it. */
    private List<String> publicTypes(String packageName) throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        List<String> types = new ArrayList<>();
        for (String className : classNames(loader, packageName)) {
            if (isPublic(Class.forName(className, false, loader))) {
                types.add(className);
            }
        }
        return types;
    }

    private static boolean isPublic(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** The binary names of the classes directly in a package: from a classes directory or from a jar. */
    private static Set<String> classNames(ClassLoader loader, String packageName) throws IOException {
        String directory = packageName.replace('.', '/');
        Set<String> names = new TreeSet<>();
        for (URL url : Collections.list(loader.getResources(directory))) {
            List<String> entries = new ArrayList<>();
            if (url.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                // Uncached, so closing the jar here closes no one else's.
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    jar.stream().map(JarEntry::getName)
                            .filter(n -> n.startsWith(directory + "/"))
                            .map(n -> n.substring(directory.length() + 1))
                            .forEach(entries::add);
                }
            } else {
                try (Stream<Path> files = Files.list(Path.of(URI.create(url.toString())))) {
                    files.map(p -> p.getFileName().toString()).forEach(entries::add);
                }
            }
            entries.stream()
                    .filter(n -> n.endsWith(".class") && !n.contains("/") && !n.equals("package-info.class"))
                    .map(n -> packageName + "." + n.substring(0, n.length() - ".class".length()))
                    .forEach(names::add);
        }
        return names;
    }

    @Test
    void namePatternsMirrorTheRuntime() {
        assertThat(NamePatterns.RESOURCE_NAME.pattern()).isEqualTo(SchemaNames.RESOURCE_NAME.pattern());
        assertThat(NamePatterns.ID_PREFIX.pattern()).isEqualTo(SchemaNames.ID_PREFIX.pattern());
        assertThat(NamePatterns.BUILT_IN_RESOURCES).isEqualTo(SchemaNames.BUILT_IN_RESOURCES);
    }

    @Test
    void snakeCaseMirrorsTheRuntime() {
        for (String name : List.of("id", "dueDate", "projectId", "htmlURL", "a", "already_snake", "X", "v2Value")) {
            assertThat(NamingRules.snakeCase(name)).as(name).isEqualTo(SchemaNames.toSnakeCase(name));
        }
    }

    @Test
    void fieldTypeAndRelationKindNamesMatchTheRuntimeEnums() {
        for (var kind : dev.datafn.processor.model.ScalarKind.values()) {
            assertThat(dev.datafn.schema.FieldType.valueOf(kind.name()).wireName()).isEqualTo(kind.wireName());
        }
        assertThat(dev.datafn.schema.FieldType.valueOf("ENUM").wireName()).isEqualTo("enum");
        assertThat(dev.datafn.schema.FieldType.valueOf("ID_LIST").wireName()).isEqualTo("string[]");
        for (var kind : dev.datafn.processor.model.RelationKind.values()) {
            assertThat(dev.datafn.schema.RelationKind.valueOf(kind.name()).wireName()).isEqualTo(kind.wireName());
        }
        for (var role : dev.datafn.processor.model.FieldRole.values()) {
            assertThat(dev.datafn.schema.FieldRole.valueOf(role.name())).isNotNull();
        }
    }
}
