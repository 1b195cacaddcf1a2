package dev.datafn.processor.generate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The processor's copy of the error codes is the runtime's table, code for code and status for status. */
class ErrorCodesTest {

    @Test
    void equalTheRuntimesCodesAndStatuses() {
        Map<String, Integer> runtime = new LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            runtime.put(code.name(), code.httpStatus());
        }

        assertThat(ErrorCodes.STATUS_BY_CODE).containsExactlyEntriesOf(runtime);
    }
}
