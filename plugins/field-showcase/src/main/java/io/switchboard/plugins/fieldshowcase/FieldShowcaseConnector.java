package io.switchboard.plugins.fieldshowcase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.spi.CheckResult;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.ConnectorDescriptor;
import io.switchboard.spi.ConnectorKind;
import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.ValidationProblem;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.TelephonyConnector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * A test connector whose settings use every field type (see {@link ShowcaseSettings#SCHEMA}). The platform's tests
 * install it to prove that a plugin with a field set the platform has never seen gets its admin form, validation,
 * connection check and dynamic options with no platform change. It is not bundled in the distribution.
 *
 * <p>It talks to a made-up "showcase service" ({@code ShowcaseFake} in the test kit): {@link #check} calls
 * {@code GET {base_url}/api/ping}, {@link #options} with source {@code teams} calls {@code GET {base_url}/api/teams},
 * both with {@code Authorization: Bearer {api_token}}.
 *
 * <p>Inbound traffic: {@link #verify} accepts every request (the platform has already checked the connection's
 * unguessable URL token, and the showcase service signs nothing), and {@link #parse} turns nothing into call
 * events: it returns no events and a note saying so.
 */
@Extension
public class FieldShowcaseConnector implements TelephonyConnector {

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("field-showcase",
            ConnectorKind.TELEPHONY, "Field showcase",
            "A test connector whose settings use every field type, to prove the platform renders any plugin's form.",
            Set.of(), ShowcaseSettings.SCHEMA);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Rules across fields: a greeting that is switched on must be written, and no extension may be given to two
     * agents.
     */
    @Override
    public List<ValidationProblem> validate(ConfigValues config) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (config.bool(ShowcaseSettings.SEND_GREETING) && config.text(ShowcaseSettings.GREETING).isEmpty()) {
            problems.add(new ValidationProblem(ShowcaseSettings.GREETING,
                    "Write the greeting, or switch the greeting off"));
        }
        Map<String, Integer> agentsByExtension = new LinkedHashMap<>();
        for (Map<String, ?> row : config.rows(ShowcaseSettings.AGENTS)) {
            Object value = row.get(ShowcaseSettings.AGENT_EXTENSION);
            String extension = value == null ? "" : value.toString().strip();
            if (!extension.isEmpty()) {
                agentsByExtension.merge(extension, 1, Integer::sum);
            }
        }
        agentsByExtension.forEach((extension, agents) -> {
            if (agents > 1) {
                problems.add(new ValidationProblem(ShowcaseSettings.AGENTS,
                        "Extension " + extension + " is given to " + agents + " agents; give each agent their own"));
            }
        });
        return problems;
    }

    /**
     * {@code GET {base_url}/api/ping} with the token: 200 with {@code {"account": "x"}} is "Authorized as account
     * x", 401/403 a refused token, anything else a failure in plain words. The token never appears in a message.
     */
    @Override
    public CheckResult check(ConnectorContext context) {
        ShowcaseSettings settings;
        try {
            settings = ShowcaseSettings.from(context.config());
        } catch (IllegalStateException | IllegalArgumentException e) {
            return CheckResult.failed("Enter the service URL and the API token first.");
        }
        return ping(settings, context);
    }

    private static CheckResult ping(ShowcaseSettings settings, ConnectorContext context) {
        VendorResponse response;
        try {
            response = context.http().send(request(settings, "ping"));
        } catch (TransientVendorException e) {
            return CheckResult.failed("Could not reach the showcase service at " + settings.where() + " ("
                    + withoutToken(e.getMessage(), settings) + ")");
        }
        if (response.status() == 401 || response.status() == 403) {
            return CheckResult.failed("The showcase service refused the API token");
        }
        try {
            response.requireSuccess("check the connection");
        } catch (TransientVendorException e) {
            return CheckResult.failed(e.getMessage() + "; try again later.");
        } catch (PermanentVendorException e) {
            return CheckResult.failed(e.getMessage() + "; check the service URL.");
        }
        String account = json(response).path("account").asText("");
        if (account.isBlank()) {
            return CheckResult.failed("The showcase service at " + settings.where()
                    + " answered without an account name; check the service URL.");
        }
        return CheckResult.ok("Authorized as account " + account);
    }

    /**
     * Source {@code teams}: {@code GET {base_url}/api/teams}, a JSON array of {@code {"id", "name"}}. Any failure
     * (unreachable, refused, not JSON, no URL or token configured) gives an empty list, as does an unknown source.
     */
    @Override
    public List<Choice> options(String source, ConnectorContext context) {
        if (!ShowcaseSettings.TEAMS_SOURCE.equals(source)) {
            return List.of();
        }
        try {
            ShowcaseSettings settings = ShowcaseSettings.from(context.config());
            VendorResponse response = context.http().send(request(settings, "teams"))
                    .requireSuccess("list the teams");
            JsonNode list = json(response);
            if (!list.isArray()) {
                context.log().log(System.Logger.Level.WARNING, "The showcase service did not list the teams as an "
                        + "array");
                return List.of();
            }
            Set<Choice> teams = new LinkedHashSet<>();
            for (JsonNode team : list) {
                String id = team.path("id").asText("");
                if (!id.isBlank()) {
                    teams.add(Choice.of(id, team.path("name").asText(id)));
                }
            }
            return List.copyOf(teams);
        } catch (RuntimeException e) {
            context.log().log(System.Logger.Level.WARNING, "Could not list the showcase teams: "
                    + e.getClass().getSimpleName());
            return List.of();
        }
    }

    /** Accepts every request: the platform has checked the connection's URL token, and the service signs nothing. */
    @Override
    public void verify(InboundRequest request, ConnectorContext context) {
        // Nothing more to check.
    }

    /** No events: the showcase service sends no calls; the note says so in the activity log. */
    @Override
    public ParsedEvents<CallEvent> parse(InboundRequest request, ConnectorContext context) {
        return ParsedEvents.skipped("The field showcase connector is for tests and turns no request into call events.");
    }

    /** Whatever the HTTP client puts into its messages, the token is never shown. */
    private static String withoutToken(String message, ShowcaseSettings settings) {
        return message == null ? "no answer" : message.replace(settings.apiToken(), "[token]");
    }

    private static VendorRequest request(ShowcaseSettings settings, String method) {
        return VendorRequest.get(settings.api(method)).withHeader("Authorization", "Bearer " + settings.apiToken());
    }

    /** @return the body as JSON; a missing node when it is not JSON */
    private static JsonNode json(VendorResponse response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
