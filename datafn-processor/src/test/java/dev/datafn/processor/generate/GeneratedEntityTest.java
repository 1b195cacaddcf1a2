package dev.datafn.processor.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.datafn.internal.JsonNodeConverter;
import dev.datafn.internal.LinkKey;
import dev.datafn.internal.LinkRow;
import dev.datafn.internal.NamespacedRow;
import dev.datafn.internal.RowKey;
import dev.datafn.processor.support.CompiledFixture;
import dev.datafn.processor.support.TodoFixture;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.hibernate.annotations.TenantId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.junit.jupiter.api.Test;

/** The generated JPA entities, inspected as Hibernate inspects them: by their annotations. */
class GeneratedEntityTest {

    private static Class<?> entity(String record) {
        return CompiledFixture.output().load(TodoFixture.PACKAGE + "." + record + "Entity");
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        return type.getDeclaredField(name);
    }

    @Test
    void entityIsKeyedByNamespaceAndIdWithTheNamespaceAsTenant() throws Exception {
        Class<?> todo = entity("Todo");

        assertThat(todo.isAnnotationPresent(Entity.class)).isTrue();
        assertThat(todo.getAnnotation(IdClass.class).value()).isEqualTo(RowKey.class);
        assertThat(NamespacedRow.class).isAssignableFrom(todo);
        assertThat(Modifier.isFinal(todo.getModifiers())).as("Hibernate proxies subclass entities").isFalse();
        Field namespace = field(todo, "namespace");
        assertThat(namespace.isAnnotationPresent(Id.class)).isTrue();
        assertThat(namespace.isAnnotationPresent(TenantId.class)).isTrue();
        assertThat(namespace.getAnnotation(Column.class).nullable()).isFalse();
        Field id = field(todo, "id");
        assertThat(id.isAnnotationPresent(Id.class)).isTrue();
        assertThat(id.getAnnotation(Column.class).name()).isEqualTo("id");
        assertThat(id.getAnnotation(Column.class).length()).isEqualTo(255);
    }

    @Test
    void searchableFieldsAreMappedForHibernateSearch() throws Exception {
        Class<?> todo = entity("Todo");

        assertThat(todo.getAnnotation(Indexed.class).index()).isEqualTo("todos");
        assertThat(field(todo, "id").isAnnotationPresent(DocumentId.class)).isTrue();
        assertThat(field(todo, "title").getAnnotation(FullTextField.class).analyzer()).isEqualTo("datafn_default");
        assertThat(field(todo, "notes").getAnnotation(FullTextField.class).analyzer()).isEqualTo("datafn_default");
        assertThat(field(todo, "projectId").isAnnotationPresent(FullTextField.class)).isFalse();
        assertThat(entity("Tag").isAnnotationPresent(Indexed.class)).as("no searchable field").isFalse();
        assertThat(field(entity("Tag"), "id").isAnnotationPresent(DocumentId.class)).isFalse();
    }

    @Test
    void tableHasUniqueConstraintsAndIndexesLedByTheNamespace() {
        Table todos = entity("Todo").getAnnotation(Table.class);
        Table projects = entity("Project").getAnnotation(Table.class);

        assertThat(todos.name()).isEqualTo("todos");
        assertThat(todos.indexes()).extracting(Index::name, Index::columnList).containsExactly(
                tuple("todos_completed_due_date_idx", "namespace, completed, due_date, id"),
                tuple("todos_project_id_idx", "namespace, project_id"));
        assertThat(projects.uniqueConstraints()).singleElement().satisfies(unique -> {
            assertThat(unique.name()).isEqualTo("projects_name_key");
            assertThat(unique.columnNames()).containsExactly("namespace", "name");
        });
        assertThat(todos.uniqueConstraints()).extracting(UniqueConstraint::name).isEmpty();
    }

    @Test
    void columnsFollowTheFieldOptions() throws Exception {
        Class<?> todo = entity("Todo");

        Column title = field(todo, "title").getAnnotation(Column.class);
        assertThat(title.nullable()).isFalse();
        assertThat(title.length()).isEqualTo(200);
        assertThat(field(todo, "notes").getAnnotation(Column.class).length()).isEqualTo(1_000_000);
        assertThat(field(todo, "notes").getAnnotation(Column.class).nullable()).isTrue();
        assertThat(field(todo, "projectId").getAnnotation(Column.class).length()).isEqualTo(255);
        assertThat(field(todo, "dueDate").getAnnotation(Column.class).name()).isEqualTo("due_date");
        assertThat(field(todo, "dueDate").getType()).isEqualTo(LocalDate.class);
        assertThat(field(todo, "completed").getType()).as("wrappers everywhere").isEqualTo(Boolean.class);
    }

    @Test
    void specialTypesGetTheirConvertersAndSizes() throws Exception {
        Class<?> project = entity("Project");

        assertThat(field(project, "level").getAnnotation(Enumerated.class).value()).isEqualTo(EnumType.STRING);
        assertThat(field(project, "level").getAnnotation(Column.class).length()).isEqualTo(255);
        assertThat(field(project, "settings").getAnnotation(Convert.class).converter())
                .isEqualTo(JsonNodeConverter.class);
        assertThat(field(project, "budget").getAnnotation(Column.class).precision()).isEqualTo(38);
        assertThat(field(project, "budget").getAnnotation(Column.class).scale()).isEqualTo(10);
        assertThat(project.getDeclaredFields()).extracting(Field::getName).doesNotContain("todos");
    }

    @Test
    void manyManyIdsLiveInALinkTableKeyedLikeTheRow() throws Exception {
        Field tags = field(entity("Todo"), "tags");

        assertThat(tags.isAnnotationPresent(ElementCollection.class)).isTrue();
        CollectionTable table = tags.getAnnotation(CollectionTable.class);
        assertThat(table.name()).isEqualTo("todos_tags");
        assertThat(table.joinColumns()).extracting(JoinColumn::name, JoinColumn::referencedColumnName)
                .containsExactly(tuple("namespace", "namespace"),
                        tuple("todos_id", "id"));
        assertThat(tags.getAnnotation(Column.class).name()).isEqualTo("tags_id");
        assertThat(tags.getType()).isEqualTo(List.class);
        assertThat(table.indexes()).as("the link entity's key leads with the owner").isEmpty();
    }

    @Test
    void manyManyLinksGetAnEntityKeyedByNamespaceOwnerAndTarget() throws Exception {
        Class<?> link = CompiledFixture.output().load(TodoFixture.PACKAGE + ".TodoTagsLink");

        assertThat(LinkRow.class).isAssignableFrom(link);
        assertThat(link.getAnnotation(Entity.class).name()).as("its table's name, unique where class names are not")
                .isEqualTo("todos_tags");
        assertThat(link.getAnnotation(Table.class).name()).isEqualTo("todos_tags");
        assertThat(link.getAnnotation(Table.class).indexes()).extracting(Index::name, Index::columnList)
                .as("the key serves lookups by owner; this one those by target")
                .containsExactly(tuple("todos_tags_target_idx", "namespace, tags_id"));
        assertThat(link.getAnnotation(IdClass.class).value()).isEqualTo(LinkKey.class);
        assertThat(Modifier.isFinal(link.getModifiers())).isFalse();
        assertThat(link.getDeclaredFields()).extracting(Field::getName)
                .containsExactly("namespace", "ownerId", "targetId", "metadata");
        assertThat(field(link, "namespace").isAnnotationPresent(TenantId.class)).isTrue();
        for (String key : List.of("namespace", "ownerId", "targetId")) {
            assertThat(field(link, key).isAnnotationPresent(Id.class)).as(key).isTrue();
        }
        Field metadata = field(link, "metadata");
        assertThat(metadata.isAnnotationPresent(Id.class)).isFalse();
        assertThat(metadata.getAnnotation(Convert.class).converter()).isEqualTo(JsonNodeConverter.class);
        assertThat(metadata.getAnnotation(Column.class).name()).isEqualTo("metadata");
        assertThat(metadata.getAnnotation(Column.class).nullable()).isTrue();
        assertThat(metadata.getAnnotation(Column.class).length()).isEqualTo(1_000_000);
    }

    /** Hibernate merges two mappings of one table only when every shared column is declared alike. */
    @Test
    void linkEntityColumnsMatchTheElementCollectionOfTheSameTable() throws Exception {
        Field tags = field(entity("Todo"), "tags");
        Class<?> link = CompiledFixture.output().load(TodoFixture.PACKAGE + ".TodoTagsLink");
        CollectionTable table = tags.getAnnotation(CollectionTable.class);
        Column target = field(link, "targetId").getAnnotation(Column.class);
        Column owner = field(link, "ownerId").getAnnotation(Column.class);
        Column namespace = field(link, "namespace").getAnnotation(Column.class);

        assertThat(link.getAnnotation(Table.class).name()).isEqualTo(table.name());
        assertThat(List.of(namespace.name(), owner.name()))
                .isEqualTo(Arrays.stream(table.joinColumns()).map(JoinColumn::name).toList());
        Column element = tags.getAnnotation(Column.class);
        assertThat(target.name()).isEqualTo(element.name());
        assertThat(target.length()).isEqualTo(element.length());
        assertThat(target.nullable()).isEqualTo(element.nullable()).isFalse();
        Column rowId = field(entity("Todo"), "id").getAnnotation(Column.class);
        Column rowNamespace = field(entity("Todo"), "namespace").getAnnotation(Column.class);
        assertThat(owner.length()).as("as long as the id the join column refers to").isEqualTo(rowId.length());
        assertThat(namespace.length()).isEqualTo(rowNamespace.length());
        assertThat(owner.nullable()).isFalse();
        assertThat(namespace.nullable()).isFalse();
    }

    @Test
    void linkAccessorsReadAndWriteTheRow() throws Exception {
        LinkRow link = (LinkRow) CompiledFixture.output().load(TodoFixture.PACKAGE + ".TodoTagsLink")
                .getConstructor().newInstance();

        link.setNamespace("acme");
        link.setOwnerId("td_1");
        link.setTargetId("tg_1");
        link.setMetadata(JsonNodeFactory.instance.objectNode().put("role", "owner"));

        assertThat(List.of(link.getNamespace(), link.getOwnerId(), link.getTargetId()))
                .containsExactly("acme", "td_1", "tg_1");
        assertThat(link.getMetadata().get("role").textValue()).isEqualTo("owner");
    }

    @Test
    void resourcesWithoutManyManyRelationsGetNoLinkEntity() {
        assertThat(CompiledFixture.output().classLoader().getResource("dev/datafn/example/todo/ProjectTodosLink.class"))
                .isNull();
        assertThat(CompiledFixture.output().classLoader().getResource("dev/datafn/example/todo/TodoTagsLink.class"))
                .isNotNull();
    }

    @Test
    void accessorsReadAndWriteTheRow() throws Exception {
        Class<?> todo = entity("Todo");
        NamespacedRow row = (NamespacedRow) todo.getConstructor().newInstance();

        row.setNamespace("acme");
        row.setId("td_1");
        todo.getMethod("setTitle", String.class).invoke(row, "Write tests");
        todo.getMethod("setCompleted", Boolean.class).invoke(row, true);

        assertThat(row.getNamespace()).isEqualTo("acme");
        assertThat(row.getId()).isEqualTo("td_1");
        assertThat(todo.getMethod("getTitle").invoke(row)).isEqualTo("Write tests");
        assertThat(todo.getMethod("getCompleted").invoke(row)).isEqualTo(true);
        assertThat(todo.getMethod("getTags").invoke(row)).isEqualTo(List.of());
    }
}
