package io.switchboard.spi;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.error.WebhookRejectedException;
import io.switchboard.spi.inbound.SharedSecret;
import org.junit.jupiter.api.Test;

class SharedSecretTest {

    @Test
    void theRightSecretPasses() {
        assertThatCode(() -> SharedSecret.require("s3cret-value", "s3cret-value", "'token' parameter"))
                .doesNotThrowAnyException();
    }

    @Test
    void aMissingOrWrongSecretIsA401ThatNeverEchoesEitherValue() {
        assertThatThrownBy(() -> SharedSecret.require("s3cret-value", null, "'token' parameter"))
                .isInstanceOf(WebhookRejectedException.class).hasMessage("the request has no 'token' parameter");
        assertThatThrownBy(() -> SharedSecret.require("s3cret-value", "", "'token' parameter"))
                .isInstanceOf(WebhookRejectedException.class);
        assertThatThrownBy(() -> SharedSecret.require("s3cret-value", "s3cret-valuX", "'secret' field"))
                .isInstanceOf(WebhookRejectedException.class)
                .hasMessage("the 'secret' field does not match the configured secret");
    }
}
