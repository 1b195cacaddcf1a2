package dev.datafn.processor.collect;

import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.IndexModel;
import dev.datafn.processor.model.RelationModel;
import java.util.List;
import java.util.Optional;

/**
 * What one record component contributes to its resource.
 *
 * @param field    the stored field, if the component has one (a one-many relation has none)
 * @param relation the relation, if the component declares one
 * @param indexes  the index the component asks for, if any
 */
record ComponentParts(Optional<FieldModel> field, Optional<RelationModel> relation, List<IndexModel> indexes) {

    /** @return the parts of a component that was reported as wrong */
    static ComponentParts none() {
        return new ComponentParts(Optional.empty(), Optional.empty(), List.of());
    }
}
