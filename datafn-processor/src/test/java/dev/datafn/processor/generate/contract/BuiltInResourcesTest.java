package dev.datafn.processor.generate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.ResourceModel;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.ResourceSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The processor's copy of the built-in resources describes the runtime's, field for field. */
class BuiltInResourcesTest {

    @Test
    void equalTheRuntimesBuiltInResources() {
        List<ResourceSchema> runtime = dev.datafn.schema.BuiltInResources.ALL;

        assertThat(BuiltInResources.ALL).hasSameSizeAs(runtime);
        for (int i = 0; i < runtime.size(); i++) {
            ResourceSchema expected = runtime.get(i);
            ResourceModel copy = BuiltInResources.ALL.get(i);
            assertThat(copy.name()).isEqualTo(expected.name());
            assertThat(copy.version()).isEqualTo(expected.version());
            assertThat(copy.idPrefix()).isEqualTo(expected.idPrefix());
            assertThat(copy.recordType().reflectionName()).isEqualTo(expected.recordClass().getName());
            assertThat(copy.fieldsIdFirst()).extracting(BuiltInResourcesTest::describe)
                    .containsExactlyElementsOf(expected.fields().stream().map(BuiltInResourcesTest::describe).toList());
        }
    }

    private static String describe(FieldModel field) {
        return field.name() + " " + field.type().wireName() + " " + field.role().name()
                + " required=" + field.constraints().required();
    }

    private static String describe(FieldSchema field) {
        return field.name() + " " + field.type().wireName() + " " + field.role().name() + " required="
                + field.required();
    }
}
