package io.switchboard.plugins.deskie;

import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.deskie.fake.DeskieFake;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A Deskie fake per test (API agent 22, agents 30 active and 31 inactive, labels 101 and 102) and contexts for it. */
abstract class DeskieTestSupport {

    static final String EMAIL = "api@acme.test";
    static final String KEY = "d3sk1e-api-key-0123456789";

    final DeskieConnector connector = new DeskieConnector();
    DeskieFake deskie;

    @BeforeEach
    void startFake() {
        deskie = new DeskieFake(EMAIL, KEY);
        deskie.addStaff(30, "Anna Smirnova", "anna@acme.test", true)
                .addStaff(31, "Oleg Ivanov", "oleg@acme.test", false)
                .addLabel(101, "website").addLabel(102, "VIP");
    }

    @AfterEach
    void stopFake() {
        deskie.close();
    }

    /** The usual settings: account, agent e-mail, API key, key field cf_25. */
    Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("account", deskie.baseUrl());
        settings.put("staff_email", EMAIL);
        settings.put("api_key", KEY);
        settings.put("external_id_field", 25L);
        return settings;
    }

    TestConnectorContext context() {
        return TestConnectorContext.with(settings());
    }

    TestConnectorContext context(String key, Object value) {
        Map<String, Object> settings = settings();
        if (value == null) {
            settings.remove(key);
        } else {
            settings.put(key, value);
        }
        return TestConnectorContext.with(settings);
    }

    static InboundRequest json(String body) {
        return request("application/json", body, Map.of());
    }

    static InboundRequest request(String type, String body, Map<String, List<String>> query) {
        return new InboundRequest("POST", Map.of("Content-Type", List.of(type)), query,
                body.getBytes(StandardCharsets.UTF_8), Instant.parse("2024-05-02T12:00:00Z"));
    }
}
