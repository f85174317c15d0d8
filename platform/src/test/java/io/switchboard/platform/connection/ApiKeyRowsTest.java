package io.switchboard.platform.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.spi.config.ApiKeys;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyRowsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");

    @Test
    void aMadeKeyIsAValidBearerTokenWithARecognisablePrefixAndEveryKeyDiffers() {
        String key = ApiKeyRows.newKey();
        assertThat(key).startsWith("sbk_").hasSize(47).matches("[A-Za-z0-9._~+/=_-]+");
        assertThat(ApiKeyRows.newKey()).isNotEqualTo(key);
    }

    @Test
    void rowsKeepTheDigestForTheConnectorAndShowEveryoneElseOnlyNameHintAndDate() {
        String key = ApiKeyRows.newKey();
        List<Map<String, String>> rows = ApiKeyRows.plus(List.of(), "k1", "Shop", key, NOW);

        assertThat(ApiKeys.of(rows).accepts(key)).isTrue();
        assertThat(ApiKeyRows.shown(rows)).singleElement().satisfies(row -> {
            assertThat(row).containsOnlyKeys(ApiKeys.ID, ApiKeys.NAME, ApiKeys.HINT, ApiKeys.CREATED);
            assertThat(row.values()).noneMatch(v -> v.contains(key.substring(8)));
        });
        assertThat(ApiKeys.of(ApiKeyRows.minus(rows, "k1")).accepts(key)).as("revoked").isFalse();
        assertThatThrownBy(() -> ApiKeyRows.minus(rows, "k2")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void namesDefaultToKeyNAndTheNumberOfKeysIsBounded() {
        assertThat(ApiKeyRows.name("  ", 2)).isEqualTo("Key 3");
        assertThat(ApiKeyRows.name(" Shop ", 0)).isEqualTo("Shop");
        assertThatThrownBy(() -> ApiKeyRows.name("x".repeat(81), 0)).isInstanceOf(InvalidInputException.class);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < ApiKeyRows.MAX_KEYS; i++) {
            rows = ApiKeyRows.plus(rows, "k" + i, "Key", ApiKeyRows.newKey(), NOW);
        }
        List<Map<String, String>> full = rows;
        assertThatThrownBy(() -> ApiKeyRows.plus(full, "k", "One more", ApiKeyRows.newKey(), NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("revoke one");
    }

    @Test
    void keysAreNeverTakenFromInputButAnEmptyFieldIsFine() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.apiKeys("api_keys", "API keys"));
        assertThat(ConfigValidator.validate(schema, Map.of("api_keys", "my-own-key"), Map.of()).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("made by the platform"));
        assertThat(ConfigValidator.validate(schema, Map.of(), Map.of()).ok()).isTrue();
        assertThat(ConfigValidator.validate(schema, Map.of("api_keys", ""), Map.of()).ok()).isTrue();
    }
}
