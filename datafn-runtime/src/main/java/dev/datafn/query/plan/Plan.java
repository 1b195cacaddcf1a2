package dev.datafn.query.plan;

import dev.datafn.schema.ResourceSchema;

/** A checked query ready to execute: records ({@link QueryPlan}) or groups ({@link AggregatePlan}). */
public sealed interface Plan permits QueryPlan, AggregatePlan {

    /** @return the queried resource */
    ResourceSchema resource();
}
