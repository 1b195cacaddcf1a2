package dev.datafn.mutation.write;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.mutation.Operation;

/** Where a writer reports the changes it made, to be logged with serverSeqs when the transaction ends. */
@FunctionalInterface
interface ChangeSink {

    /**
     * @param resource  the changed record's resource
     * @param recordId  its id
     * @param operation the operation, as logged
     * @param data      the record after the change, or {@code null} after a delete
     * @param link      the changed link, or {@code null}
     */
    void changed(String resource, String recordId, Operation operation, JsonNode data, JsonNode link);
}
