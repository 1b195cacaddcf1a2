package dev.datafn.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.schema.AccessRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The access rule grammar, and which callers each kind of rule lets through. */
class AccessRuleTest {

    private static final Map<String, Object> PLAIN = Map.of("sub", "alice");

    @Test
    void anyoneAuthenticatedAndNobody() {
        assertThat(AccessRule.ANYONE.allows(null)).isTrue();
        assertThat(AccessRule.AUTHENTICATED.allows(null)).isFalse();
        assertThat(AccessRule.AUTHENTICATED.allows(PLAIN)).isTrue();
        assertThat(AccessRule.NOBODY.allows(Map.of("admin", true))).isFalse();
    }

    @Test
    void aClaimMustBeTrueOrHoldTheValue() {
        AccessRule admin = AccessRule.parse("claim:admin");
        assertThat(admin.allows(Map.of("admin", true))).isTrue();
        assertThat(admin.allows(Map.of("admin", "true"))).isTrue();
        assertThat(admin.allows(Map.of("admin", 1L))).isTrue();
        assertThat(admin.allows(Map.of("admin", List.of("x")))).isTrue();
        for (Object no : List.<Object>of(false, "false", "yes", 0L, List.of(), Map.of())) {
            assertThat(admin.allows(Map.of("admin", no))).as("admin = %s", no).isFalse();
        }
        assertThat(admin.allows(PLAIN)).isFalse();
        assertThat(admin.allows(null)).isFalse();

        AccessRule editor = AccessRule.parse("claim:roles=editor");
        assertThat(editor.allows(Map.of("roles", List.of("viewer", "editor")))).isTrue();
        assertThat(editor.allows(Map.of("roles", "editor"))).isTrue();
        assertThat(editor.allows(Map.of("roles", List.of("editors")))).isFalse();
        assertThat(editor.allows(Map.of("roles", "Editor"))).as("values are compared exactly").isFalse();
    }

    @Test
    void anyAlternativeLetsTheCallerThrough() {
        AccessRule rule = AccessRule.parse(" claim:role=editor|claim:admin ");
        assertThat(rule.toString()).isEqualTo("claim:role=editor | claim:admin");
        assertThat(rule.allows(Map.of("admin", true))).isTrue();
        assertThat(rule.allows(Map.of("role", "editor"))).isTrue();
        assertThat(rule.allows(Map.of("role", "viewer"))).isFalse();
        assertThat(rule).isEqualTo(AccessRule.parse("claim:role=editor | claim:admin"));
    }

    @Test
    void whatIsNotARuleIsRefusedSayingWhy() {
        for (String[] bad : List.of(
                new String[] {"", "'' in access rule"},
                new String[] {"admins", "'admins' in access rule 'admins' is not one of"},
                new String[] {"anyone |", "'' in access rule"},
                new String[] {"claim:", "is not a claim name"},
                new String[] {"claim:1abc", "is not a claim name"},
                new String[] {"claim:a b", "is not a claim name"},
                new String[] {"claim:role=", "has an empty value"},
                new String[] {"claim:role= ", "has an empty value"},
                new String[] {"claim:x\u0000", "is not a claim name"})) {
            assertThatThrownBy(() -> AccessRule.parse(bad[0])).as(bad[0])
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad[1]);
        }
    }
}
