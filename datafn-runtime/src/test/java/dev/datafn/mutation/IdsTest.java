package dev.datafn.mutation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.error.DataFnException;
import dev.datafn.mutation.prepare.Ids;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void generatedIdsArePrefixedTimeOrderedAndUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Ids.generate("td", 1_700_000_000_000L))).isTrue();
        }
        assertThat(Ids.generate("td", 1_700_000_000_000L)).matches("td_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(Ids.generate("td", 1_700_000_000_001L).substring(0, 13))
                .isGreaterThan(Ids.generate("td", 1_700_000_000_000L).substring(0, 13));
    }

    @Test
    void clientIdsAreCheckedForLengthAndCharacters() {
        assertThat(Ids.validate("task:1", 255, "id")).isEqualTo("task:1");
        assertThatThrownBy(() -> Ids.validate("a".repeat(256), 255, "id")).isInstanceOf(DataFnException.class);
        assertThatThrownBy(() -> Ids.validate("../etc", 255, "id")).isInstanceOf(DataFnException.class);
        assertThatThrownBy(() -> Ids.validate("a..b", 255, "id")).isInstanceOf(DataFnException.class);
        assertThatThrownBy(() -> Ids.validate("a b", 255, "id")).isInstanceOf(DataFnException.class);
    }
}
