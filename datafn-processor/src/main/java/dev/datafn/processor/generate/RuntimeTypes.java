package dev.datafn.processor.generate;

import com.palantir.javapoet.ClassName;

/**
 * Every class outside the JDK that generated code names, in one place. The processor does not depend
 * on the runtime (or on Jakarta Persistence, Hibernate, Helidon or Jackson): these names are checked
 * against the real classes by a test.
 */
public final class RuntimeTypes {

    private static final String SCHEMA = "dev.datafn.schema";
    private static final String TYPED = "dev.datafn.query.typed";
    private static final String INTERNAL = "dev.datafn.internal";
    private static final String MUTATION = "dev.datafn.mutation.typed";
    private static final String JPA = "jakarta.persistence";

    /** The engine. */
    public static final ClassName DATA_FN = ClassName.get("dev.datafn", "DataFn");
    /** The engine's calls bound to a namespace, or to one transaction. */
    public static final ClassName SCOPE = ClassName.get("dev.datafn", "Scope");
    /** What a generated schema class implements. */
    public static final ClassName SCHEMA_PROVIDER = ClassName.get(SCHEMA, "SchemaProvider");

    /** A resource of the runtime schema. */
    public static final ClassName RESOURCE_SCHEMA = ClassName.get(SCHEMA, "ResourceSchema");
    /** {@code dev.datafn.schema.ResourcePolicy}. */
    public static final ClassName RESOURCE_POLICY = ClassName.get(SCHEMA, "ResourcePolicy");
    /** A checked namespace. */
    public static final ClassName NAMESPACE = ClassName.get(SCHEMA, "Namespace");
    /** A field of the runtime schema. */
    public static final ClassName FIELD_SCHEMA = ClassName.get(SCHEMA, "FieldSchema");
    /** A field's value type. */
    public static final ClassName FIELD_TYPE = ClassName.get(SCHEMA, "FieldType");
    /** Who owns a field's value. */
    public static final ClassName FIELD_ROLE = ClassName.get(SCHEMA, "FieldRole");
    /** A relation of the runtime schema. */
    public static final ClassName RELATION_SCHEMA = ClassName.get(SCHEMA, "RelationSchema");
    /** A relation's cardinality. */
    public static final ClassName RELATION_KIND = ClassName.get(SCHEMA, "RelationKind");
    private static final String SEARCH_MAPPING = "org.hibernate.search.mapper.pojo.mapping.definition.annotation";
    /** Hibernate Search: the entity has a full-text index. */
    public static final ClassName INDEXED = ClassName.get(SEARCH_MAPPING, "Indexed");
    /** Hibernate Search: the property that identifies the entity's index documents. */
    public static final ClassName DOCUMENT_ID = ClassName.get(SEARCH_MAPPING, "DocumentId");
    /** Hibernate Search: the property is indexed as analyzed text. */
    public static final ClassName FULL_TEXT_FIELD = ClassName.get(SEARCH_MAPPING, "FullTextField");

    /** A declared index of the runtime schema. */
    public static final ClassName INDEX_SCHEMA = ClassName.get(SCHEMA, "IndexSchema");

    /** Handle on a string field. */
    public static final ClassName STRING_FIELD = ClassName.get(TYPED, "StringField");
    /** Handle on a boolean field. */
    public static final ClassName BOOLEAN_FIELD = ClassName.get(TYPED, "BooleanField");
    /** Handle on a numeric field. */
    public static final ClassName NUMBER_FIELD = ClassName.get(TYPED, "NumberField");
    /** Handle on a date-time field. */
    public static final ClassName DATE_TIME_FIELD = ClassName.get(TYPED, "DateTimeField");
    /** Handle on a date field. */
    public static final ClassName DATE_FIELD = ClassName.get(TYPED, "DateField");
    /** Handle on an enum field. */
    public static final ClassName ENUM_FIELD = ClassName.get(TYPED, "EnumField");
    /** Handle on a JSON field. */
    public static final ClassName JSON_FIELD = ClassName.get(TYPED, "JsonField");
    /** Handle on a relation. */
    public static final ClassName RELATION_HANDLE = ClassName.get(TYPED, "RelationHandle");
    /** A condition on records. */
    public static final ClassName CRITERION = ClassName.get(TYPED, "Criterion");
    /** The base of a generated query. */
    public static final ClassName RESOURCE_QUERY = ClassName.get(TYPED, "ResourceQuery");
    /** What a generated query hands on to its copies. */
    public static final ClassName QUERY_STATE = ClassName.get(TYPED, "QueryState");
    /** An aggregation over a resource. */
    public static final ClassName AGGREGATE_QUERY = ClassName.get(TYPED, "AggregateQuery");
    /** One group of an aggregation's answer. */
    public static final ClassName AGGREGATE_ROW = ClassName.get(TYPED, "AggregateRow");
    /** One page of records. */
    public static final ClassName PAGE = ClassName.get(TYPED, "Page");

    /** Builds the typed mutations of one resource. */
    public static final ClassName MUTATION_FACTORY = ClassName.get(MUTATION, "MutationFactory");
    /** Any mutation a repository applies. */
    public static final ClassName TYPED_MUTATION = ClassName.get(MUTATION, "TypedMutation");
    /** A typed insert. */
    public static final ClassName INSERT_MUTATION = ClassName.get(MUTATION, "InsertMutation");
    /** A typed replace or upsert. */
    public static final ClassName REPLACE_MUTATION = ClassName.get(MUTATION, "ReplaceMutation");
    /** A typed merge. */
    public static final ClassName MERGE_MUTATION = ClassName.get(MUTATION, "MergeMutation");
    /** A typed delete. */
    public static final ClassName DELETE_MUTATION = ClassName.get(MUTATION, "DeleteMutation");
    /** A typed relate, unrelate or modifyRelation. */
    public static final ClassName RELATION_MUTATION = ClassName.get(MUTATION, "RelationMutation");

    /** What every generated entity implements. */
    public static final ClassName NAMESPACED_ROW = ClassName.get(INTERNAL, "NamespacedRow");
    /** The id class of every generated entity. */
    public static final ClassName ROW_KEY = ClassName.get(INTERNAL, "RowKey");
    /** What every generated link entity implements. */
    public static final ClassName LINK_ROW = ClassName.get(INTERNAL, "LinkRow");
    /** The id class of every generated link entity. */
    public static final ClassName LINK_KEY = ClassName.get(INTERNAL, "LinkKey");
    /** Stores a JSON field as text. */
    public static final ClassName JSON_NODE_CONVERTER = ClassName.get(INTERNAL, "JsonNodeConverter");
    /** The engine calls behind a generated repository. */
    public static final ClassName REPOSITORY_SUPPORT = ClassName.get("dev.datafn.repository", "RepositorySupport");
    /** The HTTP service whose request pipeline a generated {@code <Record>Routes} registers its routes on. */
    public static final ClassName DATA_FN_HTTP = ClassName.get("dev.datafn.http", "DataFnHttp");

    /** Jackson's JSON tree, the Java type of a {@code json} field. */
    public static final ClassName JSON_NODE = ClassName.get("com.fasterxml.jackson.databind", "JsonNode");
    /** Jackson's JSON object, the type of link metadata. */
    public static final ClassName OBJECT_NODE = ClassName.get("com.fasterxml.jackson.databind.node", "ObjectNode");

    /** Helidon's routing service. */
    public static final ClassName HTTP_SERVICE = ClassName.get("io.helidon.webserver.http", "HttpService");
    /** Helidon's routing rules. */
    public static final ClassName HTTP_RULES = ClassName.get("io.helidon.webserver.http", "HttpRules");

    /** Hibernate's tenant discriminator, filled from the session's namespace. */
    public static final ClassName TENANT_ID = ClassName.get("org.hibernate.annotations", "TenantId");

    /** {@code @Entity}. */
    public static final ClassName ENTITY = ClassName.get(JPA, "Entity");
    /** {@code @Table}. */
    public static final ClassName TABLE = ClassName.get(JPA, "Table");
    /** {@code @UniqueConstraint}. */
    public static final ClassName UNIQUE_CONSTRAINT = ClassName.get(JPA, "UniqueConstraint");
    /** {@code @Index}. */
    public static final ClassName INDEX = ClassName.get(JPA, "Index");
    /** {@code @IdClass}. */
    public static final ClassName ID_CLASS = ClassName.get(JPA, "IdClass");
    /** {@code @Id}. */
    public static final ClassName ID = ClassName.get(JPA, "Id");
    /** {@code @Column}. */
    public static final ClassName COLUMN = ClassName.get(JPA, "Column");
    /** {@code @Enumerated}. */
    public static final ClassName ENUMERATED = ClassName.get(JPA, "Enumerated");
    /** {@code EnumType}. */
    public static final ClassName ENUM_TYPE = ClassName.get(JPA, "EnumType");
    /** {@code @Convert}. */
    public static final ClassName CONVERT = ClassName.get(JPA, "Convert");
    /** {@code @ElementCollection}. */
    public static final ClassName ELEMENT_COLLECTION = ClassName.get(JPA, "ElementCollection");
    /** {@code @CollectionTable}. */
    public static final ClassName COLLECTION_TABLE = ClassName.get(JPA, "CollectionTable");
    /** {@code @JoinColumn}. */
    public static final ClassName JOIN_COLUMN = ClassName.get(JPA, "JoinColumn");

    private RuntimeTypes() {
    }
}
