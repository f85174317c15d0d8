package io.switchboard.plugins.planfix;

import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.planfix.fake.PlanfixFake;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A Planfix fake per test (token of employee 1, templates 41 and 3, employees 5 and 6) and contexts for it. */
abstract class PlanfixTestSupport {

    static final String TOKEN = "5d80e21cb3e12345678bdd568a2226d5";
    static final long ROBOT = 1;

    final PlanfixConnector connector = new PlanfixConnector();
    PlanfixFake planfix;

    @BeforeEach
    void startFake() {
        planfix = new PlanfixFake(TOKEN, ROBOT);
        planfix.addTaskTemplate(41, "Chat from the website").addTaskTemplate(42, "Call")
                .addContactTemplate(3, "Client")
                .addUser(5, "Anna", "Smirnova", "anna@acme.test", true)
                .addUser(6, "Oleg", "Ivanov", "oleg@acme.test", false);
    }

    @AfterEach
    void stopFake() {
        planfix.close();
    }

    /** The usual settings: account, token, task template 41, contact template 3, employee of the token 1. */
    Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("account", planfix.baseUrl());
        settings.put("api_token", TOKEN);
        settings.put("task_template", 41L);
        settings.put("contact_template", 3L);
        settings.put("integration_user", ROBOT);
        return settings;
    }

    TestConnectorContext context() {
        return TestConnectorContext.with(settings());
    }

    TestConnectorContext context(String key, Object value) {
        Map<String, Object> settings = settings();
        settings.put(key, value);
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
