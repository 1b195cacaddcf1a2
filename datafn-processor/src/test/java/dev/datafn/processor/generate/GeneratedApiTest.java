package dev.datafn.processor.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.DataFn;
import dev.datafn.mutation.typed.TypedMutation;
import dev.datafn.processor.support.CompiledFixture;
import dev.datafn.processor.support.TodoFixture;
import dev.datafn.query.typed.BooleanField;
import dev.datafn.query.typed.Criterion;
import dev.datafn.query.typed.DateField;
import dev.datafn.query.typed.DateTimeField;
import dev.datafn.query.typed.EnumField;
import dev.datafn.query.typed.FieldHandle;
import dev.datafn.query.typed.JsonField;
import dev.datafn.query.typed.NumberField;
import dev.datafn.query.typed.RelationHandle;
import dev.datafn.query.typed.ResourceQuery;
import dev.datafn.query.typed.StringField;
import dev.datafn.schema.RelationKind;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated typed API seen through its types: field handles, queries, mutations, and what the shape
 * of a repository promises. Repositories and routes are used against a database, over HTTP, in
 * example-todo's {@code GeneratedRoutesTest}.
 */
class GeneratedApiTest {

    private static Class<?> generated(String simpleName) {
        return CompiledFixture.output().load(TodoFixture.PACKAGE + "." + simpleName);
    }

    private static Object constant(String type, String name) throws ReflectiveOperationException {
        return generated(type).getField(name).get(null);
    }

    @Test
    void fieldHandlesAreTypedByFieldType() throws Exception {
        assertThat(constant("TodoFields", "ID")).isInstanceOf(StringField.class);
        assertThat(constant("TodoFields", "TITLE")).isInstanceOf(StringField.class);
        assertThat(constant("TodoFields", "COMPLETED")).isInstanceOf(BooleanField.class);
        assertThat(constant("TodoFields", "DUE_DATE")).isInstanceOf(DateField.class);
        assertThat(constant("TodoFields", "CREATED_AT")).isInstanceOf(DateTimeField.class);
        assertThat(constant("ProjectFields", "SETTINGS")).isInstanceOf(JsonField.class);
        assertThat(((FieldHandle<?>) constant("TodoFields", "DUE_DATE")).name()).isEqualTo("dueDate");
    }

    @Test
    void numberAndEnumHandlesKnowTheirJavaType() throws Exception {
        assertThat(((NumberField<?, ?>) constant("TodoFields", "PRIORITY")).numberType()).isEqualTo(Integer.class);
        assertThat(((NumberField<?, ?>) constant("ProjectFields", "VIEWS")).numberType()).isEqualTo(Long.class);
        assertThat(((NumberField<?, ?>) constant("ProjectFields", "SCORE")).numberType()).isEqualTo(Double.class);
        assertThat(((NumberField<?, ?>) constant("ProjectFields", "BUDGET")).numberType())
                .isEqualTo(BigDecimal.class);
        EnumField<?, ?> level = (EnumField<?, ?>) constant("ProjectFields", "LEVEL");
        assertThat(level.enumType().getName()).isEqualTo(TodoFixture.PACKAGE + ".Project$Priority");
    }

    @Test
    void handlesAreParameterizedByTheRecord() throws Exception {
        Field title = generated("TodoFields").getField("TITLE");
        ParameterizedType type = (ParameterizedType) title.getGenericType();

        assertThat(type.getActualTypeArguments()).containsExactly(generated("Todo"));
        assertThat(Modifier.isStatic(title.getModifiers()) && Modifier.isFinal(title.getModifiers())).isTrue();
    }

    @Test
    void relationsGetHandlesAndManyManyListsOnlyThatHandle() throws Exception {
        RelationHandle<?, ?> project = (RelationHandle<?, ?>) constant("TodoFields", "PROJECT");
        RelationHandle<?, ?> tags = (RelationHandle<?, ?>) constant("TodoFields", "TAGS");
        RelationHandle<?, ?> todos = (RelationHandle<?, ?>) constant("ProjectFields", "TODOS");

        assertThat(project.name()).isEqualTo("project");
        assertThat(project.kind()).isEqualTo(RelationKind.MANY_ONE);
        assertThat(project.target()).isEqualTo(generated("Project"));
        assertThat(tags.kind()).isEqualTo(RelationKind.MANY_MANY);
        assertThat(tags.target()).isEqualTo(generated("Tag"));
        assertThat(todos.kind()).isEqualTo(RelationKind.ONE_MANY);
        assertThat(project.idField()).isEqualTo("projectId");
        assertThat(tags.idField()).isEqualTo("tags");
        assertThat(todos.idField()).isNull();
        assertThat(constant("TodoFields", "PROJECT_ID")).isInstanceOf(StringField.class);
        assertThat(Arrays.stream(generated("TodoFields").getFields()).map(Field::getName))
                .containsExactly("ID", "TITLE", "COMPLETED", "PRIORITY", "DUE_DATE", "NOTES", "PROJECT_ID",
                        "CREATED_AT", "UPDATED_AT", "PROJECT", "TAGS");
    }

    @Test
    void fieldsClassCannotBeInstantiated() {
        Class<?> fields = generated("TodoFields");

        assertThat(Modifier.isFinal(fields.getModifiers())).isTrue();
        assertThat(fields.getConstructors()).isEmpty();
    }

    /**
     * What the shape of the class promises and no call can show: a repository is made from an engine,
     * or from a scope through {@code in}, never from a scope by constructor; and a resource without
     * relations has no relation operations. Its calls are used against a database in example-todo's
     * {@code GeneratedRoutesTest} and repository suites.
     */
    @Test
    void repositoryIsMadeFromAnEngineOrThroughInAndHasRelationCallsOnlyWithRelations() {
        Class<?> repository = generated("TodoRepository");

        assertThat(Modifier.isFinal(repository.getModifiers())).isTrue();
        assertThat(repository.getConstructors()).as("the DataFn constructors only")
                .allSatisfy(c -> assertThat(c.getParameterTypes()[0]).isEqualTo(DataFn.class));
        assertThat(Arrays.stream(generated("TagRepository").getMethods()).map(Method::getName))
                .as("tags have no relations").doesNotContain("relate", "unrelate");
    }

    @Test
    void mutationsAreStaticFactoriesOnly() {
        Class<?> mutations = generated("TodoMutations");

        assertThat(Modifier.isFinal(mutations.getModifiers())).isTrue();
        assertThat(mutations.getConstructors()).isEmpty();
        assertThat(mutations.getFields()).as("no public state").isEmpty();
        assertThat(Arrays.stream(mutations.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers())))
                .allSatisfy(m -> assertThat(Modifier.isStatic(m.getModifiers())).as(m.getName()).isTrue());
    }

    @Test
    void relationOperationsFollowTheResourcesRelations() {
        List<String> projects = Arrays.stream(generated("ProjectMutations").getMethods()).map(Method::getName).toList();
        List<String> tags = Arrays.stream(generated("TagMutations").getMethods()).map(Method::getName).toList();

        assertThat(projects).as("a one-many relation: links without metadata").contains("relate", "unrelate")
                .doesNotContain("modifyRelation");
        assertThat(projects.stream().filter("relate"::equals)).hasSize(1);
        assertThat(tags).contains("insert", "merge").doesNotContain("relate", "unrelate", "modifyRelation");
    }

    @Test
    void mutationsStartFromTheirResourceAndVersion() throws Exception {
        Object merge = method(generated("ProjectMutations"), "merge", String.class).invoke(null, "pr_1");

        assertThat(((TypedMutation<?>) merge).toWire().toString()).isEqualTo(
                "{\"resource\":\"projects\",\"version\":1,\"operation\":\"merge\",\"id\":\"pr_1\",\"record\":{}}");
    }

    @Test
    void queryIsAFinalResourceQueryWithFactoriesOnly() throws Exception {
        Class<?> query = generated("TodoQuery");

        assertThat(Modifier.isFinal(query.getModifiers())).isTrue();
        assertThat(query.getSuperclass()).isEqualTo(ResourceQuery.class);
        assertThat(((ParameterizedType) query.getGenericSuperclass()).getActualTypeArguments())
                .containsExactly(generated("Todo"), query);
        assertThat(query.getConstructors()).isEmpty();
        assertThat(constant("TodoQuery", "RESOURCE")).isEqualTo("todos");
        assertThat(constant("TodoQuery", "VERSION")).isEqualTo(1);
        assertThat(Modifier.isStatic(method(query, "all").getModifiers())).isTrue();
        assertThat(Modifier.isStatic(method(query, "where", Criterion.class).getModifiers())).isTrue();
    }

    @Test
    void queriesStartFromTheirResourceAndCopyIntoTheirOwnType() throws Exception {
        Class<?> query = generated("ProjectQuery");
        ResourceQuery<?, ?> all = (ResourceQuery<?, ?>) method(query, "all").invoke(null);

        assertThat(all.resource()).isEqualTo("projects");
        assertThat(all.toDfql().toString()).isEqualTo("{\"resource\":\"projects\",\"version\":1}");
        assertThat(all.limit(5)).isInstanceOf(query).isNotEqualTo(all);
        assertThat(all.count(true).toDfql().get("count").booleanValue()).isTrue();
    }

    private static Method method(Class<?> type, String name, Class<?>... parameters) throws NoSuchMethodException {
        return type.getMethod(name, parameters);
    }
}
