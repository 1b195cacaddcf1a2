package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.example.todo.ServedEngine.Reply;
import dev.datafn.http.DataFnHttp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contracts pass the request pipeline like every endpoint: they name every resource and field, so a
 * server that authenticates its callers serves them only to callers with a valid token, and its authorizer
 * decides on them by their own action names.
 */
@OnEveryDatabase
class ContractAuthenticationTest extends AbstractJwtServedTest {

    private final List<String> actions = new ArrayList<>();

    @Override
    protected DataFnHttp.Builder http(DataFnHttp.Builder http) {
        return http.authorize((req, action, payload) -> {
            actions.add(action);
            return !action.equals("schemas");
        });
    }

    @Test
    void anonymousCallersGetNoContract() {
        Reply anonymous = served.send(null, "GET", "/openapi.json", null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().at("/error/code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void signedInCallersGetTheDocumentAndTheAuthorizerDecidesPerAction() {
        String token = newUser();

        Reply document = served.send(token, "GET", "/openapi.json", null);
        Reply refused = served.send(token, "GET", "/schemas/todos.json", null);

        assertThat(document.status()).as(document.raw()).isEqualTo(200);
        assertThat(document.body().path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(actions).contains("openapi", "schemas");
    }
}
