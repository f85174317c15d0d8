package io.switchboard.plugins.sipuni;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.spi.config.BoundConfig;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.ValidationProblem;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings as a tenant types them: the strings of the form go through the SPI's binding
 * ({@code ConfigSchema.bind}, what the platform applies before saving), and {@link SipuniSettings#from} reads the
 * typed values the platform would pass — defaults and trimming included.
 */
class SipuniSettingsTest {

    private static ConfigValues typed(Map<String, String> form) {
        return new SipuniConnector().descriptor().configSchema().bind(form).orElseThrow();
    }

    @Test
    void anEmptyFormGivesTheDefaultApiAddressAndNoCredentials() {
        SipuniSettings settings = SipuniSettings.from(typed(Map.of()));

        assertThat(settings.apiUrl()).isEqualTo(URI.create(SipuniSettings.DEFAULT_API_URL));
        assertThat(settings.hasApiCredentials()).isFalse();
        assertThat(settings.webhookSecret()).isNull();
    }

    @Test
    void typedValuesAreTrimmedAndTheApiAddressGetsItsSlash() {
        SipuniSettings settings = SipuniSettings.from(typed(Map.of(
                SipuniSettings.API_USER, " 070196 ", SipuniSettings.API_KEY, "k3y",
                SipuniSettings.API_URL, "http://localhost:8080/api")));

        assertThat(settings.apiUser()).isEqualTo("070196");
        assertThat(settings.hasApiCredentials()).isTrue();
        assertThat(settings.apiUrl()).isEqualTo(URI.create("http://localhost:8080/api/"));
    }

    @Test
    void whatTheFormRefusesNeverReachesTheConnector() {
        BoundConfig bound = new SipuniConnector().descriptor().configSchema().bind(Map.of(
                SipuniSettings.API_USER, "acme", SipuniSettings.API_URL, "sipuni.com/api"));

        assertThat(bound.ok()).isFalse();
        assertThat(bound.problems()).extracting(ValidationProblem::field)
                .containsExactly(SipuniSettings.API_USER, SipuniSettings.API_URL);
    }
}
