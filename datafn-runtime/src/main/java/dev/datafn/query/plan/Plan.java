package dev.datafn.query.plan;

import dev.datafn.schema.ResourceSchema;

/**
 * A checked query ready to execute: records ({@link QueryPlan}) or groups ({@link AggregatePlan}), perhaps
 * narrowed by a full-text search ({@link SearchPlan}).
 */
public sealed interface Plan permits QueryPlan, AggregatePlan, SearchPlan {

    /** @return the queried resource */
    ResourceSchema resource();
}
