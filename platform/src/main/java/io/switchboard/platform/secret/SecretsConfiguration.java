package io.switchboard.platform.secret;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the {@link SecretKeyRing} from MicroProfile Config: {@code switchboard.secrets.keys} ({@code id:base64,…})
 * and {@code switchboard.secrets.active-key} (defaults to the only key when there is one). Without keys the
 * platform refuses to start: it would otherwise have to store secrets in clear text.
 */
@ApplicationScoped
public class SecretsConfiguration {

    @Produces
    @Singleton
    SecretKeyRing keyRing(@ConfigProperty(name = "switchboard.secrets.keys") Optional<String> keys,
                          @ConfigProperty(name = "switchboard.secrets.active-key") Optional<String> activeKey) {
        String spec = keys.filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                "switchboard.secrets.keys is not set (env SWITCHBOARD_SECRETS_KEYS=id:base64key, key made with "
                        + "'openssl rand -base64 32'); secrets cannot be stored without it"));
        String active = activeKey.filter(a -> !a.isBlank()).orElseGet(() -> {
            if (spec.contains(",")) {
                throw new IllegalStateException("several secrets keys are configured: set switchboard.secrets.active-key");
            }
            return spec.substring(0, Math.max(0, spec.indexOf(':'))).strip();
        });
        return new SecretKeyRing(spec, active);
    }
}
