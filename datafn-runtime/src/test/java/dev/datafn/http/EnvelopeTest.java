package dev.datafn.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void debugMessagesNameTheProblemAndProductionMessagesDoNot() {
        DataFnException e = new DataFnException(ErrorCode.DFQL_UNKNOWN_FIELD, "resource 'todos' has no field 'salary'",
                "filters.salary");
        assertThat(Envelope.error(e, true).toString()).isEqualTo(
                "{\"ok\":false,\"error\":{\"code\":\"DFQL_UNKNOWN_FIELD\",\"message\":\"resource 'todos' has no field "
                        + "'salary'\",\"path\":\"filters.salary\"}}");
        assertThat(Envelope.error(e, false).toString()).isEqualTo(
                "{\"ok\":false,\"error\":{\"code\":\"DFQL_UNKNOWN_FIELD\",\"message\":\"invalid request\","
                        + "\"path\":\"filters.salary\"}}");
    }

    @Test
    void everyCodeHasAStatusInTheErrorClasses() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.httpStatus()).isBetween(400, 599);
            assertThat(Envelope.error(new DataFnException(code, "x"), false).at("/error/message").textValue()).isNotBlank();
        }
    }
}
