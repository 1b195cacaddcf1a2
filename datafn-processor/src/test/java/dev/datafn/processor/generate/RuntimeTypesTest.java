package dev.datafn.processor.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.ClassName;
import dev.datafn.processor.model.NamingRules;
import dev.datafn.processor.validate.NamePatterns;
import dev.datafn.schema.SchemaNames;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The processor names runtime classes without depending on them; this test holds every name, and every
 * rule the processor duplicates, against the real runtime on the test class path.
 */
class RuntimeTypesTest {

    @Test
    void everyRuntimeTypeExists() throws Exception {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Field field : RuntimeTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ClassName.class) {
                field.setAccessible(true);
                ClassName name = (ClassName) field.get(null);
                checked++;
                try {
                    Class.forName(name.reflectionName(), false, getClass().getClassLoader());
                } catch (ClassNotFoundException e) {
                    missing.add(field.getName() + " = " + name.reflectionName());
                }
            }
        }
        assertThat(checked).isGreaterThan(30);
        assertThat(missing).isEmpty();
    }

    @Test
    void namePatternsMirrorTheRuntime() {
        assertThat(NamePatterns.RESOURCE_NAME.pattern()).isEqualTo(SchemaNames.RESOURCE_NAME.pattern());
        assertThat(NamePatterns.ID_PREFIX.pattern()).isEqualTo(SchemaNames.ID_PREFIX.pattern());
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
