package dev.datafn.processor.generate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.processor.support.CompiledFixture;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code META-INF/datafn/openapi.json} of the fixture, read and validated by swagger-parser. */
class OpenApiDocumentTest {

    private static SwaggerParseResult parsed() {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        return new OpenAPIV3Parser().readContents(CompiledFixture.output().text(OpenApiDocument.PATH), null, options);
    }

    @Test
    void isValidOpenApi31WithoutAnyMessage() {
        SwaggerParseResult result = parsed();

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getServers()).singleElement()
                .satisfies(server -> assertThat(server.getUrl()).isEqualTo("/datafn"));
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes().get("bearerAuth").getBearerFormat())
                .isEqualTo("JWT");
    }

    @Test
    void documentsEveryEndpointAndTheRestWrappersOfEachResource() {
        OpenAPI api = parsed().getOpenAPI();

        assertThat(api.getPaths()).containsKeys("/status", "/query", "/search", "/mutation", "/transact", "/clone",
                "/pull", "/push", "/reconcile", "/seed", "/resources/todos", "/resources/todos/{id}",
                "/resources/projects/{id}", "/resources/tags", "/resources/kv");
        assertThat(api.getPaths().get("/resources/todos/{id}").getDelete().getParameters())
                .extracting(p -> p.getName() + ":" + p.getRequired())
                .containsExactly("id:true", "clientId:true", "mutationId:true");
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(op -> {
            if (op.getRequestBody() != null) {
                assertThat(op.getRequestBody().getContent().get("application/json").getExample())
                        .as("the example of %s", op.getOperationId()).isNotNull();
            }
        }));
    }

    @Test
    void recordSchemasCarryTheFieldsOptions() {
        Map<String, Schema> schemas = parsed().getOpenAPI().getComponents().getSchemas();
        Map<String, Schema> todo = schemas.get("Todo").getProperties();
        Map<String, Schema> project = schemas.get("Project").getProperties();

        // A primitive component is required: it always has a value.
        assertThat(schemas.get("Todo").getRequired()).containsExactlyInAnyOrder("id", "title", "completed");
        assertThat(todo.get("title").getMaxLength()).isEqualTo(200);
        assertThat(todo.get("priority").getMinimum()).isEqualByComparingTo("0");
        assertThat(todo.get("priority").getMaximum()).isEqualByComparingTo("5");
        assertThat(todo.get("priority").getTypes()).containsExactlyInAnyOrder("integer", "null");
        assertThat(todo.get("dueDate").getFormat()).isEqualTo("date");
        assertThat(todo.get("createdAt").getFormat()).isEqualTo("date-time");
        assertThat(todo.get("createdAt").getReadOnly()).isTrue();
        assertThat(todo.get("projectId").getPattern()).isEqualTo(FieldSchemas.ID_PATTERN);
        assertThat(todo.get("tags").getTypes()).containsExactly("array");
        assertThat(todo.get("project").getAnyOf()).hasSize(2);
        assertThat(project.get("level").getEnum()).containsExactly("LOW", "MEDIUM", "HIGH", null);
        assertThat(project.get("color").getPattern()).isEqualTo("[a-z]+");
        assertThat(project.get("todos").getItems().get$ref()).isEqualTo("#/components/schemas/Todo");
        assertThat(schemas.get("TodoWrite").getProperties()).doesNotContainKeys("createdAt", "updatedAt");
        assertThat(schemas.get("TodoWrite").getRequired()).containsExactly("title");
        assertThat(schemas.get("TodoPatch").getRequired()).isNull();
    }

    @Test
    void filtersOfferEachFieldTheOperatorsOfItsType() {
        Map<String, Schema> filter = parsed().getOpenAPI().getComponents().getSchemas().get("TodoFilter")
                .getProperties();

        assertThat(operators(filter.get("title"))).containsKeys("eq", "gt", "like", "startswith", "contains", "in");
        assertThat(operators(filter.get("completed"))).containsKeys("eq", "ne", "in", "is_null")
                .doesNotContainKeys("gt", "like", "between");
        assertThat(operators(filter.get("priority"))).containsKeys("gt", "between").doesNotContainKey("like");
        assertThat(filter.get("tags").getProperties()).containsKeys("contains", "is_null")
                .doesNotContainKeys("eq", "in");
        assertThat(filter).containsKeys("$and", "$or", "$not");
    }

    @Test
    void errorCodesAreTheRuntimesInAnEnum() {
        Schema<?> error = parsed().getOpenAPI().getComponents().getSchemas().get("DataFnError");

        assertThat(List.copyOf(((Schema<?>) error.getProperties().get("code")).getEnum()))
                .isEqualTo(List.copyOf(ErrorCodes.STATUS_BY_CODE.keySet()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Schema> operators(Schema<?> field) {
        return ((Schema<?>) field.getAnyOf().get(1)).getProperties();
    }
}
