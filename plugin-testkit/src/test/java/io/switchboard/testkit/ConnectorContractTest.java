package io.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.TelephonyConnector;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.pf4j.Extension;

class ConnectorContractTest {

    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.secret("api_key", "API key").asRequired(), ConfigField.url("base_url", "Base URL"));
    private static final Function<String, Map<String, ?>> CONFIG =
            url -> Map.of("api_key", "s3cr3t-key", "base_url", url);

    /** Calls the vendor and turns "unreachable" into a failed result, as every connector should. */
    private static CheckResult politeCheck(ConnectorContext context) {
        URI base = URI.create(context.config().requireText("base_url"));
        try {
            context.http().send(VendorRequest.get(base));
            return CheckResult.ok("Authorized");
        } catch (TransientVendorException e) {
            return CheckResult.failed("Could not reach " + base.getHost());
        }
    }

    private static ConnectorDescriptor descriptor(String id, ConnectorKind kind, ConfigSchema schema) {
        return new ConnectorDescriptor(id, kind, "Acme PBX", "", Set.of(), schema);
    }

    @Test
    void aWellBehavedConnectorPasses() {
        assertThatCode(() -> ConnectorContract.assertAll(
                new Annotated(descriptor("acme-pbx", ConnectorKind.TELEPHONY, SCHEMA),
                        ConnectorContractTest::politeCheck), CONFIG))
                .doesNotThrowAnyException();
    }

    @Test
    void anIdTheLoaderRefusesFails() {
        assertThatThrownBy(() -> ConnectorContract.assertWellFormed(
                new Annotated(descriptor("Acme_PBX", ConnectorKind.TELEPHONY, SCHEMA), c -> null)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("connector id");
    }

    @Test
    void aKindOtherThanTheImplementedInterfaceFails() {
        assertThatThrownBy(() -> ConnectorContract.assertWellFormed(
                new Annotated(descriptor("acme-pbx", ConnectorKind.HELPDESK, SCHEMA), c -> null)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("kind interface");
    }

    @Test
    void aBrokenSchemaFails() {
        ConfigSchema broken = ConfigSchema.of(ConfigField.choice("region", "Region", List.of()));
        assertThatThrownBy(() -> ConnectorContract.assertWellFormed(
                new Annotated(descriptor("acme-pbx", ConnectorKind.TELEPHONY, broken), c -> null)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("neither choices nor an options source");
    }

    @Test
    void aMissingExtensionAnnotationFails() {
        assertThatThrownBy(() -> ConnectorContract.assertWellFormed(
                new NotAnnotated(descriptor("acme-pbx", ConnectorKind.TELEPHONY, SCHEMA), c -> null)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("@org.pf4j.Extension");
    }

    @Test
    void aCheckThatThrowsFails() {
        Annotated throwing = new Annotated(descriptor("acme-pbx", ConnectorKind.TELEPHONY, SCHEMA), context -> {
            context.http().send(VendorRequest.get(URI.create(context.config().requireText("base_url"))));
            return CheckResult.ok("unreachable");
        });
        assertThatThrownBy(() -> ConnectorContract.assertCheckFailsPolitelyWhenUnreachable(throwing, CONFIG))
                .isInstanceOf(AssertionError.class).hasMessageContaining("instead of throwing");
    }

    @Test
    void aCheckThatClaimsSuccessFails() {
        Annotated optimistic = new Annotated(descriptor("acme-pbx", ConnectorKind.TELEPHONY, SCHEMA),
                context -> CheckResult.ok("Authorized"));
        assertThatThrownBy(() -> ConnectorContract.assertCheckFailsPolitelyWhenUnreachable(optimistic, CONFIG))
                .isInstanceOf(AssertionError.class).hasMessageContaining("unreachable vendor is ok");
    }

    @Test
    void aCheckMessageRevealingASecretFails() {
        Annotated leaky = new Annotated(descriptor("acme-pbx", ConnectorKind.TELEPHONY, SCHEMA),
                context -> CheckResult.failed("Key " + context.config().requireText("api_key") + " failed"));
        assertThatThrownBy(() -> ConnectorContract.assertCheckFailsPolitelyWhenUnreachable(leaky, CONFIG))
                .isInstanceOf(AssertionError.class).hasMessageContaining("must not contain a secret");
    }

    /** A telephony connector whose descriptor and check are given; subclasses differ only by annotation. */
    private abstract static class Dummy implements TelephonyConnector {
        private final ConnectorDescriptor descriptor;
        private final Function<ConnectorContext, CheckResult> check;

        Dummy(ConnectorDescriptor descriptor, Function<ConnectorContext, CheckResult> check) {
            this.descriptor = descriptor;
            this.check = check;
        }

        @Override
        public ConnectorDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public CheckResult check(ConnectorContext context) {
            return check.apply(context);
        }

        @Override
        public void verify(InboundRequest request, ConnectorContext context) {
        }

        @Override
        public ParsedEvents<CallEvent> parse(InboundRequest request, ConnectorContext context) {
            return ParsedEvents.of(List.of());
        }
    }

    @Extension
    static final class Annotated extends Dummy {
        Annotated(ConnectorDescriptor descriptor, Function<ConnectorContext, CheckResult> check) {
            super(descriptor, check);
        }
    }

    static final class NotAnnotated extends Dummy {
        NotAnnotated(ConnectorDescriptor descriptor, Function<ConnectorContext, CheckResult> check) {
            super(descriptor, check);
        }
    }
}
