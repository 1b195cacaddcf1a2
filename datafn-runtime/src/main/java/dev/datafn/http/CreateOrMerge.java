package dev.datafn.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.mutation.MutationResult;
import io.helidon.webserver.http.ServerRequest;

/**
 * Seed 002's {@code POST /resources/:resource} with an id: "create or update". It is the DFQL merge of
 * that id, which the request pipeline authorizes; when the caller's namespace has no record with the id,
 * the same record is inserted instead, as the DFQL insert, which is authorized on its own before it runs
 * (an authorizer that allows merges but not inserts refuses the create).
 *
 * <p>Both forms carry the request's idempotency key, and only the one that wrote is stored with it. So a
 * retry of a create, whose merge now finds the key stored for the insert, is answered from the insert's
 * stored result; and an insert that finds the id taken by a concurrent create merges after all.
 */
final class CreateOrMerge {

    private final RequestPipeline pipeline;

    /** @param pipeline asks the authorizer about the insert */
    CreateOrMerge(RequestPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * @param req   the request, for the authorizer
     * @param scope the caller's namespace, actor, and the engine as the caller may use it
     * @param merge the DFQL merge the request stands for, already authorized
     * @return the result of the write that took place
     */
    MutationResult apply(ServerRequest req, RequestScope scope, ObjectNode merge) {
        try {
            return mutate(scope, merge);
        } catch (DataFnException mergeFailed) {
            boolean absent = mergeFailed.code() == ErrorCode.NOT_FOUND && "id".equals(mergeFailed.path());
            boolean keyTaken = mergeFailed.code() == ErrorCode.IDEMPOTENCY_KEY_REUSED;
            if (!absent && !keyTaken) {
                throw mergeFailed;
            }
            ObjectNode insert = merge.deepCopy().put("operation", "insert");
            pipeline.authorize(req, "mutation", insert);
            try {
                return mutate(scope, insert);
            } catch (DataFnException insertFailed) {
                if (keyTaken) {
                    // The key names neither this merge nor this insert: it was used for another change.
                    throw mergeFailed;
                }
                if (insertFailed.code() == ErrorCode.CONFLICT && "id".equals(insertFailed.path())) {
                    return mutate(scope, merge);
                }
                throw insertFailed;
            }
        }
    }

    private MutationResult mutate(RequestScope scope, ObjectNode mutation) {
        return scope.engine().mutate(scope.namespace(), scope.actorId(), mutation);
    }
}
