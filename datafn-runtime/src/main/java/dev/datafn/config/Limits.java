package dev.datafn.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.Json;

/**
 * The request limits of seed 000, with its defaults. A request over a limit is refused with
 * {@link ErrorCode#DFQL_INVALID} (or {@link ErrorCode#PAYLOAD_TOO_LARGE} for the body size) and the
 * path of the offending part.
 *
 * @param maxLimit                 the largest {@code limit} of a query, and the page size when none is given
 * @param maxPayloadBytes          the largest request body
 * @param maxTransactSteps         the most steps of one transaction
 * @param maxPullLimit             the most changes one pull returns
 * @param maxSelectTokens          the most {@code select} tokens of one query
 * @param maxFilterKeysPerLevel    the most keys in one filter object
 * @param maxSortFields            the most sort keys of one query
 * @param maxAggregations          the most aggregations of one query
 * @param maxIdLength              the longest record id a client may choose
 * @param maxBatchSize             the most mutations of one push or batch mutation
 * @param maxBatchQueryConcurrency the most queries of one batch run at once
 * @param maxAnswerBytes           the most one request may read to build its answer, in bytes, estimated from the
 *                                 values read (see {@link dev.datafn.db.AnswerBudget})
 */
public record Limits(
        int maxLimit,
        int maxPayloadBytes,
        int maxTransactSteps,
        int maxPullLimit,
        int maxSelectTokens,
        int maxFilterKeysPerLevel,
        int maxSortFields,
        int maxAggregations,
        int maxIdLength,
        int maxBatchSize,
        int maxBatchQueryConcurrency,
        int maxAnswerBytes) {

    /** The defaults of seed 000. */
    public static final Limits DEFAULTS = new Limits(100, 5_242_880, 100, 1000, 50, 20, 10, 20, 255, 500, 20,
            16_777_216);

    /** Checks that every limit is positive. */
    public Limits {
        int[] all = {maxLimit, maxPayloadBytes, maxTransactSteps, maxPullLimit, maxSelectTokens,
            maxFilterKeysPerLevel, maxSortFields, maxAggregations, maxIdLength, maxBatchSize, maxBatchQueryConcurrency,
            maxAnswerBytes};
        for (int value : all) {
            if (value < 1) {
                throw new IllegalArgumentException("every limit must be 1 or more: " + java.util.Arrays.toString(all));
            }
        }
    }

    /** @return the limits as the JSON object {@code GET /status} reports */
    public ObjectNode toJson() {
        return Json.MAPPER.valueToTree(this);
    }

    /** @return a builder starting from these limits */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some limits, keeping the others. */
    public static final class Builder {
        private int maxLimit;
        private int maxPayloadBytes;
        private int maxTransactSteps;
        private int maxPullLimit;
        private int maxSelectTokens;
        private int maxFilterKeysPerLevel;
        private int maxSortFields;
        private int maxAggregations;
        private int maxIdLength;
        private int maxBatchSize;
        private int maxBatchQueryConcurrency;
        private int maxAnswerBytes;

        private Builder(Limits from) {
            maxLimit = from.maxLimit;
            maxPayloadBytes = from.maxPayloadBytes;
            maxTransactSteps = from.maxTransactSteps;
            maxPullLimit = from.maxPullLimit;
            maxSelectTokens = from.maxSelectTokens;
            maxFilterKeysPerLevel = from.maxFilterKeysPerLevel;
            maxSortFields = from.maxSortFields;
            maxAggregations = from.maxAggregations;
            maxIdLength = from.maxIdLength;
            maxBatchSize = from.maxBatchSize;
            maxBatchQueryConcurrency = from.maxBatchQueryConcurrency;
            maxAnswerBytes = from.maxAnswerBytes;
        }

        /** @param v the value @return this builder */
        public Builder maxLimit(int v) {
            maxLimit = v;
            return this;
        }

        /** @param v the value @return this builder */
        public Builder maxPayloadBytes(int v) {
            maxPayloadBytes = v;
            return this;
        }

        /** @param v the value @return this builder */
        public Builder maxTransactSteps(int v) {
            maxTransactSteps = v;
            return this;
        }

        /** @param v the value @return this builder */
        public Builder maxPullLimit(int v) {
            maxPullLimit = v;
            return this;
        }

        /** @param v the value @return this builder */
        public Builder maxSelectTokens(int v) {
            maxSelectTokens = v;
            return this;
        }

        /** @param v the value @return this builder */
        public Builder maxFilterKeysPerLevel(int v) {
            maxFilterKeysPerLevel = v;
            return this;
        }

        /** @param v the value @return this builder */
        public Builder maxSortFields(int v) {
            maxSortFields = v;
            return this;
        }

        /** @param v the value @return this builder */
        public Builder maxAggregations(int v) {
            maxAggregations = v;
            return this;
        }

        /** @param v the value @return this builder */
        public Builder maxIdLength(int v) {
            maxIdLength = v;
            return this;
        }

        /** @param v the value @return this builder */
        public Builder maxBatchSize(int v) {
            maxBatchSize = v;
            return this;
        }

        /** @param v the value @return this builder */
        public Builder maxBatchQueryConcurrency(int v) {
            maxBatchQueryConcurrency = v;
            return this;
        }

        /** @param v the value @return this builder */
        public Builder maxAnswerBytes(int v) {
            maxAnswerBytes = v;
            return this;
        }

        /** @return the limits */
        public Limits build() {
            return new Limits(maxLimit, maxPayloadBytes, maxTransactSteps, maxPullLimit, maxSelectTokens,
                    maxFilterKeysPerLevel, maxSortFields, maxAggregations, maxIdLength, maxBatchSize,
                    maxBatchQueryConcurrency, maxAnswerBytes);
        }
    }
}
