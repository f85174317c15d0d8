package io.switchboard.spi.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static final String SHOP = "sbk_4kP9xQ2mW7vR1tY8uJ3nB6cL0aZ5dF2gH9sE1wK7q";
    private static final String OLD = "sbk_Zq8wE3rT6yU1iO4pA7sD0fG2hJ5kL9xC3vB6nM8mQ";

    @Test
    void acceptsEachLiveKeyAndNothingElse() {
        ApiKeys keys = ApiKeys.of(List.of(ApiKeys.row("k1", "Shop", SHOP, Instant.EPOCH),
                ApiKeys.row("k2", "Old shop", OLD, Instant.EPOCH)));

        assertThat(keys.accepts(SHOP)).isTrue();
        assertThat(keys.accepts(OLD)).isTrue();
        assertThat(keys.accepts(SHOP.substring(0, SHOP.length() - 1))).isFalse();
        assertThat(keys.accepts(SHOP + " ")).isFalse();
        assertThat(keys.accepts("")).isFalse();
        assertThat(keys.accepts(null)).isFalse();
        assertThat(keys.size()).isEqualTo(2);
    }

    @Test
    void aStoredRowKeepsOnlyADigestAndAHintNeverTheKey() {
        Map<String, String> row = ApiKeys.row("k1", "Shop", SHOP, Instant.parse("2026-12-03T10:00:00Z"));

        assertThat(row).containsEntry(ApiKeys.HINT, "sbk_4kP9…").containsEntry(ApiKeys.NAME, "Shop")
                .containsEntry(ApiKeys.CREATED, "2026-12-03T10:00:00Z");
        assertThat(row.get(ApiKeys.SHA256)).matches("[0-9a-f]{64}");
        assertThat(row.values()).noneMatch(v -> v.contains(SHOP.substring(8)));
        assertThat(ApiKeys.of(List.of(row)).toString()).doesNotContain(SHOP.substring(0, 8));
    }

    @Test
    void noKeysOrDamagedRowsAcceptNobody() {
        assertThat(ApiKeys.from(ConfigValues.empty(), "api_keys").accepts(SHOP)).isFalse();
        assertThat(ApiKeys.of(List.of(Map.of(ApiKeys.SHA256, "not-hex"))).isEmpty()).isTrue();
    }

    @Test
    void aSchemaRefusesARequiredKeysField() {
        assertThat(ConfigSchema.of(ConfigField.apiKeys("api_keys", "API keys").asRequired()).errors())
                .singleElement().asString().contains("cannot be required");
        assertThat(ConfigSchema.of(ConfigField.apiKeys("api_keys", "API keys")).errors()).isEmpty();
    }
}
