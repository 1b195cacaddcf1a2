package dev.datafn.processor.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.ClassName;
import dev.datafn.processor.json.JsonReader;
import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.model.FieldConstraints;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldRole;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.IndexModel;
import dev.datafn.processor.model.RelationKind;
import dev.datafn.processor.model.RelationModel;
import dev.datafn.processor.model.ResourceModel;
import dev.datafn.processor.model.ScalarKind;
import dev.datafn.processor.model.SchemaModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generators fed with models built by hand, without javac. */
class ModelGenerationTest {

    private static final FieldType STRING = new FieldType.Scalar(ScalarKind.STRING);
    private static final ClassName ORDER = ClassName.get("shop.orders", "Order");
    private static final ClassName CUSTOMER = ClassName.get("shop.customers", "Customer");

    private static FieldModel field(String name, FieldType type, FieldConstraints constraints) {
        return new FieldModel(name, type, FieldRole.DATA, constraints, null);
    }

    private static FieldModel id() {
        return new FieldModel("id", STRING, FieldRole.ID, FieldConstraints.ID, null);
    }

    private static ResourceModel orders(List<IndexModel> indexes) {
        FieldConstraints code = new FieldConstraints(true, false, "\"A-\\\"1\\\"\"", false, 20, null, null,
                "^[A-Z]-\"\\d\"$", false, false, null, null, "DEFAULT");
        return new ResourceModel("orders", 2, "or", ORDER, null,
                List.of(field("code", STRING, code), id(), field("customerId", STRING, FieldConstraints.NONE),
                        field("state", new FieldType.EnumType(ClassName.get("shop.orders", "State"),
                                List.of("OPEN", "PAID")), FieldConstraints.NONE)),
                List.of(new RelationModel("customer", RelationKind.MANY_ONE, CUSTOMER, "customers", "customerId",
                        "orders", null)),
                indexes);
    }

    private static ResourceModel customers() {
        return new ResourceModel("customers", 1, "cu", CUSTOMER, null, List.of(id()), List.of(), List.of());
    }

    @Test
    void schemaJsonEscapesAndOrdersFieldsIdFirst() throws Exception {
        String json = SchemaJson.render(new SchemaModel(List.of(orders(List.of()), customers())));

        JsonValue.JsonObject root = (JsonValue.JsonObject) JsonReader.parse(json);
        List<JsonValue> resources = ((JsonValue.JsonArray) root.members().get("resources")).items();
        Map<String, JsonValue> orders = ((JsonValue.JsonObject) resources.get(1)).members();
        List<JsonValue> fields = ((JsonValue.JsonArray) orders.get("fields")).items();
        Map<String, JsonValue> code = ((JsonValue.JsonObject) fields.get(1)).members();

        assertThat(((JsonValue.JsonObject) resources.get(0)).members().get("name"))
                .isEqualTo(new JsonValue.JsonString("customers"));
        assertThat(((JsonValue.JsonObject) fields.get(0)).members().get("name")).isEqualTo(new JsonValue.JsonString("id"));
        assertThat(code.get("pattern")).isEqualTo(new JsonValue.JsonString("^[A-Z]-\"\\d\"$"));
        assertThat(code.get("default")).isEqualTo(new JsonValue.JsonString("A-\"1\""));
        assertThat(code.get("maxLength")).isEqualTo(new JsonValue.JsonNumber("20"));
        assertThat(((JsonValue.JsonObject) fields.get(3)).members().get("values")).isEqualTo(new JsonValue.JsonArray(
                List.of(new JsonValue.JsonString("OPEN"), new JsonValue.JsonString("PAID"))));
        assertThat(json).contains("\"inverse\": \"orders\"");
    }

    @Test
    void manyOneFieldsAreIndexedUnlessADeclaredIndexStartsWithThem() {
        assertThat(EntityGenerator.indexes(orders(List.of())))
                .containsExactly(Map.entry("orders_customer_id_idx", "customer_id"));
        assertThat(EntityGenerator.indexes(orders(List.of(
                        new IndexModel("by_customer", List.of(IndexModel.Key.ascending("customerId")), null, 0)))))
                .containsExactly(Map.entry("by_customer", "customer_id, id"));
        assertThat(EntityGenerator.indexes(orders(List.of(new IndexModel("by_customer_desc",
                        List.of(IndexModel.Key.parse("customerId:desc")), null, 0)))))
                .as("descending, it serves the lookups by customer as well")
                .containsExactly(Map.entry("by_customer_desc", "customer_id desc, id"));
        assertThat(EntityGenerator.indexes(orders(List.of(new IndexModel("orders_state_code_idx",
                        List.of(IndexModel.Key.ascending("state"), IndexModel.Key.ascending("code")), null, 0)))))
                .containsExactly(Map.entry("orders_state_code_idx", "state, code, id"),
                        Map.entry("orders_customer_id_idx", "customer_id"));
    }

    @Test
    void declaredIndexesKeepTheirDirectionsAndEndWithTheIdAscendingOnce() {
        assertThat(EntityGenerator.indexes(orders(List.of(new IndexModel("open_by_code",
                        List.of(IndexModel.Key.ascending("state"), IndexModel.Key.parse("code:desc")), null, 0)))))
                .containsEntry("open_by_code", "state, code desc, id");
        assertThat(EntityGenerator.indexes(orders(List.of(new IndexModel("by_state_id",
                        List.of(IndexModel.Key.ascending("state"), IndexModel.Key.parse("id:asc")), null, 0)))))
                .containsEntry("by_state_id", "state, id");
    }

    @Test
    void indexKeysAreWrittenLikeSortTerms() {
        assertThat(IndexModel.Key.parse("dueDate")).isEqualTo(new IndexModel.Key("dueDate", true));
        assertThat(IndexModel.Key.parse("dueDate:asc")).isEqualTo(new IndexModel.Key("dueDate", true));
        assertThat(IndexModel.Key.parse("priority:desc")).isEqualTo(new IndexModel.Key("priority", false));
        assertThat(IndexModel.Key.parse("priority:down")).isNull();
        assertThat(IndexModel.Key.parse("priority:DESC")).as("the DFQL spelling is lower case").isNull();
    }

    @Test
    void schemaClassDefaultsToTheFirstRecordsPackage() {
        SchemaModel schema = new SchemaModel(List.of(orders(List.of()), customers()));

        assertThat(SchemaClassName.resolve(null, schema))
                .contains(ClassName.get("shop.customers", "CustomersSchema"));
        assertThat(SchemaClassName.resolve("shop.ShopSchema", schema)).contains(ClassName.get("shop", "ShopSchema"));
        assertThat(SchemaClassName.resolve("shop.1", schema)).isEmpty();
    }

    @Test
    void fieldSchemaCodeNamesOnlyWhatIsSet() {
        assertThat(SchemaCode.field(orders(List.of()).fields().get(0)).toString()).isEqualTo(
                "dev.datafn.schema.FieldSchema.builder(\"code\", dev.datafn.schema.FieldType.STRING).required()"
                        + ".defaultValue(\"\\\"A-\\\\\\\"1\\\\\\\"\\\"\").maxLength(20)"
                        + ".pattern(\"^[A-Z]-\\\"\\\\d\\\"$\").build()");
        assertThat(SchemaCode.field(id()).toString()).isEqualTo("dev.datafn.schema.FieldSchema.builder(\"id\", "
                + "dev.datafn.schema.FieldType.STRING).role(dev.datafn.schema.FieldRole.ID).required().unique().build()");
    }

    @Test
    void companionsOfNestedRecordsJoinTheEnclosingNames() {
        ResourceModel nested = new ResourceModel("lines", 1, "ln", ORDER.nestedClass("Line"), null, List.of(id()),
                List.of(), List.of());

        assertThat(nested.companion("Entity")).isEqualTo(ClassName.get("shop.orders", "OrderLineEntity"));
    }
}
