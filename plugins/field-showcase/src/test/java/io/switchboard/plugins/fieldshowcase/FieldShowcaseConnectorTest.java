package io.switchboard.plugins.fieldshowcase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.FieldType;
import io.switchboard.spi.config.TemplateVariable;
import io.switchboard.spi.config.ValidationProblem;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.testkit.ConnectorContract;
import io.switchboard.testkit.TestConnectorContext;
import io.switchboard.plugins.fieldshowcase.fake.ShowcaseFake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FieldShowcaseConnectorTest {

    private static final String TOKEN = "sc-T0K3N-0123456789";

    private final FieldShowcaseConnector connector = new FieldShowcaseConnector();
    private ShowcaseFake fake;

    @BeforeEach
    void startFake() {
        fake = new ShowcaseFake("acme-support", TOKEN);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private static Map<String, Object> settings(String baseUrl, String token) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("account", "acme-support");
        config.put("api_token", token);
        config.put("base_url", baseUrl);
        config.put("region", "eu");
        return config;
    }

    private TestConnectorContext context(String token) {
        return TestConnectorContext.with(settings(fake.baseUrl(), token));
    }

    private static ConfigSchema schema() {
        return new FieldShowcaseConnector().descriptor().configSchema();
    }

    private static ConfigField field(String key) {
        return schema().field(key).orElseThrow();
    }

    // --- descriptor and schema ---

    @Test
    void satisfiesTheConnectorContract() {
        ConnectorContract.assertAll(connector, url -> settings(url, TOKEN));
        assertThat(connector.descriptor().id()).isEqualTo("field-showcase");
        assertThat(connector.descriptor().kind()).isEqualTo(ConnectorKind.TELEPHONY);
        assertThat(connector.descriptor().displayName()).isEqualTo("Field showcase");
        assertThat(connector.descriptor().description()).isNotBlank().endsWith(".");
        assertThat(connector.descriptor().capabilities()).isEmpty();
    }

    @Test
    void schemaIsSoundAndUsesEveryFieldType() {
        assertThat(schema().errors()).isEmpty();
        Set<FieldType> used = schema().fields().stream().map(ConfigField::type)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(FieldType.class)));
        assertThat(used).isEqualTo(EnumSet.allOf(FieldType.class));
    }

    @Test
    void schemaHasExactlyTheseKeysAndTypesInThisOrder() {
        assertThat(schema().fields()).extracting(ConfigField::key).containsExactly("account", "api_token",
                "base_url", "notify_email", "timeout_seconds", "send_greeting", "region", "channels", "team",
                "greeting", "agents", "caller_keys");
        assertThat(schema().fields()).extracting(ConfigField::type).containsExactly(FieldType.TEXT,
                FieldType.SECRET, FieldType.URL, FieldType.EMAIL, FieldType.NUMBER, FieldType.BOOLEAN,
                FieldType.CHOICE, FieldType.MULTI_CHOICE, FieldType.CHOICE, FieldType.TEMPLATE, FieldType.MAPPING,
                FieldType.API_KEYS);
        assertThat(schema().fields()).filteredOn(ConfigField::required).extracting(ConfigField::key)
                .containsExactly("account", "api_token", "base_url", "region");
    }

    @Test
    void schemaFieldsCarryTheirRules() {
        assertThat(field("account").pattern()).isEqualTo("[a-z0-9-]{3,30}");
        assertThat(field("account").help()).isNotBlank();
        assertThat(field("base_url").help()).isEqualTo("Where the showcase service runs");
        assertThat(field("timeout_seconds").min()).isEqualTo(1L);
        assertThat(field("timeout_seconds").max()).isEqualTo(120L);
        assertThat(field("timeout_seconds").defaultValue()).isEqualTo("30");
        assertThat(field("send_greeting").defaultValue()).isEqualTo("false");
        assertThat(field("region").choices()).containsExactly(Choice.of("eu", "Europe"),
                Choice.of("us", "United States"));
        assertThat(field("region").defaultValue()).isEqualTo("eu");
        assertThat(field("channels").choices()).containsExactly(Choice.of("phone", "Phone"), Choice.of("chat", "Chat"),
                Choice.of("mail", "E-mail"));
        assertThat(field("team").required()).isFalse();
        assertThat(field("team").optionsSource()).isEqualTo("teams");
        assertThat(field("greeting").variables()).extracting(TemplateVariable::name, TemplateVariable::description)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("client_name", "Client's name"),
                        org.assertj.core.groups.Tuple.tuple("phone", "Caller's number"));
        assertThat(field("greeting").help()).isNotBlank();
        List<ConfigField> columns = field("agents").columns();
        assertThat(columns).extracting(ConfigField::key).containsExactly("email", "extension", "role");
        assertThat(columns).extracting(ConfigField::type).containsExactly(FieldType.EMAIL, FieldType.NUMBER,
                FieldType.CHOICE);
        assertThat(columns.get(0).required()).isTrue();
        assertThat(columns.get(2).choices()).containsExactly(Choice.of("agent", "Agent"),
                Choice.of("supervisor", "Supervisor"));
    }

    @Test
    void oneLabelLooksLikeHtmlSoTheEscapingCanBeTested() {
        assertThat(field("channels").label()).isEqualTo("Channels <b>to</b> watch & \"sync\"");
    }

    // --- validate ---

    private List<ValidationProblem> validate(Map<String, ?> values) {
        return connector.validate(ConfigValues.of(values));
    }

    @Test
    void aGreetingThatIsOnMustBeWritten() {
        assertThat(validate(Map.of("send_greeting", true))).containsExactly(
                new ValidationProblem("greeting", "Write the greeting, or switch the greeting off"));
        assertThat(validate(Map.of("send_greeting", true, "greeting", "   "))).extracting(ValidationProblem::field)
                .containsExactly("greeting");
        assertThat(validate(Map.of("send_greeting", true, "greeting", "Hello {{client_name}}!"))).isEmpty();
        assertThat(validate(Map.of("send_greeting", false))).isEmpty();
        assertThat(validate(Map.of())).isEmpty();
    }

    @Test
    void anExtensionMayBelongToOneAgentOnly() {
        List<Map<String, String>> rows = List.of(
                Map.of("email", "anna@example.com", "extension", "201", "role", "agent"),
                Map.of("email", "boris@example.com", "extension", "202"),
                Map.of("email", "clara@example.com", "extension", " 201 ", "role", "supervisor"));
        assertThat(validate(Map.of("agents", rows))).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("agents");
            assertThat(problem.message()).contains("201").doesNotContain("202");
        });
    }

    @Test
    void agentsWithDistinctOrNoExtensionsAreFine() {
        List<Map<String, String>> rows = List.of(
                Map.of("email", "anna@example.com", "extension", "201"),
                Map.of("email", "boris@example.com", "extension", "202"),
                Map.of("email", "clara@example.com"),
                Map.of("email", "dora@example.com", "extension", ""));
        assertThat(validate(Map.of("agents", rows))).isEmpty();
    }

    @Test
    void bothRulesReportTogether() {
        List<Map<String, String>> rows = List.of(Map.of("email", "a@example.com", "extension", "7"),
                Map.of("email", "b@example.com", "extension", "7"));
        assertThat(validate(Map.of("send_greeting", "true", "agents", rows))).extracting(ValidationProblem::field)
                .containsExactly("greeting", "agents");
    }

    // --- check ---

    @Test
    void checkWithTheRightTokenNamesTheAccount() {
        CheckResult result = connector.check(context(TOKEN));
        assertThat(result).isEqualTo(CheckResult.ok("Authorized as account acme-support"));
        assertThat(fake.requests()).containsExactly(new ShowcaseFake.Request("GET", "/api/ping", "Bearer " + TOKEN));
    }

    @Test
    void checkWorksWithABaseUrlWithoutTrailingSlash() {
        String base = fake.baseUrl().substring(0, fake.baseUrl().length() - 1);
        CheckResult result = connector.check(TestConnectorContext.with(settings(base, TOKEN)));
        assertThat(result.ok()).isTrue();
        assertThat(fake.requestCount("/api/ping")).isEqualTo(1);
    }

    @Test
    void checkWithAWrongTokenSaysItWasRefusedWithoutShowingIt() {
        CheckResult result = connector.check(context("wrong-token-value"));
        assertThat(result).isEqualTo(CheckResult.failed("The showcase service refused the API token"));
        assertThat(fake.requests()).singleElement().satisfies(r ->
                assertThat(r.authorization()).isEqualTo("Bearer wrong-token-value"));
    }

    @Test
    void checkTreatsForbiddenAsARefusedTokenToo() {
        fake.failNext(1, 403);
        assertThat(connector.check(context(TOKEN)))
                .isEqualTo(CheckResult.failed("The showcase service refused the API token"));
    }

    @Test
    void checkAgainstAnUnreachableServiceFailsInPlainWords() {
        String closed = "http://127.0.0.1:" + closedPort() + "/";
        CheckResult result = connector.check(TestConnectorContext.with(settings(closed, TOKEN)));
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("Could not reach the showcase service at 127.0.0.1:")
                .doesNotContain(TOKEN);
    }

    @Test
    void checkWhenTheServiceFailsSaysTheStatus() {
        fake.failNext(1, 503);
        CheckResult unavailable = connector.check(context(TOKEN));
        assertThat(unavailable.ok()).isFalse();
        assertThat(unavailable.message()).contains("503").contains("try again later").doesNotContain(TOKEN);

        fake.failNext(1, 404);
        CheckResult notFound = connector.check(context(TOKEN));
        assertThat(notFound.ok()).isFalse();
        assertThat(notFound.message()).contains("404").contains("check the service URL");
    }

    @Test
    void checkAnsweredWithoutAnAccountFails() {
        fake.answerNext(1, 200, "<html>a proxy page</html>");
        CheckResult page = connector.check(context(TOKEN));
        assertThat(page.ok()).isFalse();
        assertThat(page.message()).contains("without an account name");

        fake.answerNext(1, 200, "{\"account\": \"\"}");
        assertThat(connector.check(context(TOKEN)).ok()).isFalse();
    }

    @Test
    void checkWithoutUrlOrTokenFailsPolitely() {
        CheckResult result = connector.check(TestConnectorContext.with(Map.of("account", "acme")));
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isNotBlank();
        assertThat(fake.requestCount()).isZero();
    }

    // --- options ---

    @Test
    void teamsComeFromTheService() {
        fake.addTeam("t1", "Support").addTeam("t2", "Sales & <Billing>");
        assertThat(connector.options("teams", context(TOKEN))).containsExactly(Choice.of("t1", "Support"),
                Choice.of("t2", "Sales & <Billing>"));
        assertThat(fake.requests()).containsExactly(new ShowcaseFake.Request("GET", "/api/teams", "Bearer " + TOKEN));
    }

    @Test
    void teamsWithoutIdAreSkippedAndNoTeamsIsAnEmptyList() {
        assertThat(connector.options("teams", context(TOKEN))).isEmpty();
        fake.answerNext(1, 200, "[{\"id\":\"t9\"},{\"name\":\"no id\"},{\"id\":\"\",\"name\":\"blank\"}]");
        assertThat(connector.options("teams", context(TOKEN))).containsExactly(Choice.of("t9", "t9"));
    }

    @Test
    void teamsAreAnEmptyListOnAnyFailure() {
        fake.addTeam("t1", "Support");
        assertThat(connector.options("teams", context("wrong-token-value"))).isEmpty();
        fake.failNext(1, 500);
        assertThat(connector.options("teams", context(TOKEN))).isEmpty();
        fake.answerNext(1, 200, "not json");
        assertThat(connector.options("teams", context(TOKEN))).isEmpty();
        fake.answerNext(1, 200, "{\"id\":\"t1\",\"name\":\"an object, not a list\"}");
        assertThat(connector.options("teams", context(TOKEN))).isEmpty();
        String closed = "http://127.0.0.1:" + closedPort() + "/";
        assertThat(connector.options("teams", TestConnectorContext.with(settings(closed, TOKEN)))).isEmpty();
        assertThat(connector.options("teams", TestConnectorContext.with(Map.of()))).isEmpty();
        // After all that, the service still works.
        assertThat(connector.options("teams", context(TOKEN))).containsExactly(Choice.of("t1", "Support"));
    }

    @Test
    void anUnknownSourceHasNoOptionsAndAsksNothing() {
        assertThat(connector.options("agents", context(TOKEN))).isEmpty();
        assertThat(fake.requestCount()).isZero();
    }

    // --- inbound ---

    @Test
    void acceptsEveryRequestAndParsesNoEvents() {
        InboundRequest request = new InboundRequest("POST", Map.of("Content-Type", List.of("application/json")),
                Map.of(), "{\"anything\": 1}".getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        TestConnectorContext context = context(TOKEN);
        assertThatCode(() -> connector.verify(request, context)).doesNotThrowAnyException();
        ParsedEvents<CallEvent> parsed = connector.parse(request, context);
        assertThat(parsed.events()).isEmpty();
        assertThat(parsed.notes()).singleElement().asString().contains("no request into call events");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
