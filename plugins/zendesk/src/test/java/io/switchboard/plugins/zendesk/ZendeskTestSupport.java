package io.switchboard.plugins.zendesk;

import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.zendesk.fake.ZendeskFake;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A Zendesk fake per test and contexts pointing the connector at it. */
abstract class ZendeskTestSupport {

    static final String EMAIL = "agent@acme.test";
    static final String TOKEN = "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv";
    static final String SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";

    final ZendeskConnector connector = new ZendeskConnector();
    ZendeskFake zendesk;

    @BeforeEach
    void startFake() {
        zendesk = new ZendeskFake(EMAIL, TOKEN);
    }

    @AfterEach
    void stopFake() {
        zendesk.close();
    }

    TestConnectorContext context() {
        return context(TOKEN);
    }

    TestConnectorContext context(String token) {
        return TestConnectorContext.with(Map.of("portal", zendesk.baseUrl(), "agent_email", EMAIL, "api_token", token,
                "webhook_secret", SECRET));
    }
}
