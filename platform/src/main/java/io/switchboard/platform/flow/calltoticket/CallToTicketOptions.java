package io.switchboard.platform.flow.calltoticket;

import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.TemplateVariable;
import io.switchboard.spi.config.ValidationProblem;
import io.switchboard.spi.helpdesk.TicketPriority;
import io.switchboard.spi.helpdesk.TicketType;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of the call-to-ticket flow: the schema the platform renders as a form (exactly like a connection's
 * settings) and the typed view the flow reads. Defaults live here once: in the schema (the platform fills empty
 * fields with them when a form is saved) and in {@link #from(ConfigValues)} (so options saved before a field existed,
 * or built by hand in tests, read the same).
 *
 * @param searchStatuses       vendor status ids whose tickets count as "existing"; empty = the helpdesk's
 *                             active statuses
 * @param newTicketEveryCall   always create a ticket per call, ignoring the status lookup
 * @param createClient         create a client when none has the number
 * @param createTicket         create a ticket when none is found
 * @param createOrganization   put the call's client in an organization (found by name, else created) when it
 *                             has none, and give new tickets the client's organization; acts only when the helpdesk
 *                             declares organizations
 * @param ticketType           type of created tickets
 * @param ticketPriority       priority of created tickets
 * @param clientNameTemplate   name of a new client
 * @param organizationNameTemplate name of the organization looked up or created for a client
 * @param subjectTemplate      subject of a new ticket
 * @param tagTemplate          tags of a new ticket (comma-separated after rendering)
 * @param callComment          add the call-details comment when the call ends
 * @param publicComment        that comment (and a new ticket's first message) is public, not an internal note
 * @param fieldMappings        call attribute → custom field
 * @param extensions           extension → agent id
 * @param fallbackAgent        agent for new tickets when nobody is responsible for the call, or {@code null}
 * @param dutyAgent            agent for tickets of missed calls, or {@code null}
 * @param firstRungResponsible the first employee the call rang to becomes responsible for missed calls
 * @param onlySelectedSchemes  process only {@code schemes} (else all)
 * @param schemes              scheme names processed, lower case
 * @param transferSchemes      scheme names a call is processed from once transferred to them, lower case
 * @param phoneFormat          how numbers are written into clients and tickets
 * @param phoneRegion          region for numbers written without a country code (ISO 3166 alpha-2)
 * @param zone                 time zone of the {@code date} / {@code time} variables and the comment
 * @param fallbacks            saved values that could not be used and what was used instead, one sentence each
 *                             (for the activity log)
 */
record CallToTicketOptions(Set<String> searchStatuses, boolean newTicketEveryCall, boolean createClient,
                           boolean createTicket, boolean createOrganization, TicketType ticketType,
                           TicketPriority ticketPriority, String clientNameTemplate, String organizationNameTemplate,
                           String subjectTemplate, String tagTemplate,
                           boolean callComment, boolean publicComment, List<FieldMapping> fieldMappings,
                           Map<String, String> extensions, String fallbackAgent, String dutyAgent,
                           boolean firstRungResponsible, boolean onlySelectedSchemes, Set<String> schemes,
                           Set<String> transferSchemes, PhoneFormat phoneFormat, String phoneRegion, ZoneId zone,
                           List<String> fallbacks) {

    static final String SEARCH_STATUSES = "search_statuses";
    static final String NEW_TICKET_EVERY_CALL = "new_ticket_every_call";
    static final String CREATE_CLIENT = "create_client";
    static final String CREATE_TICKET = "create_ticket";
    static final String CREATE_ORGANIZATION = "create_organization";
    static final String TICKET_TYPE = "ticket_type";
    static final String TICKET_PRIORITY = "ticket_priority";
    static final String CLIENT_NAME_TEMPLATE = "client_name_template";
    static final String ORGANIZATION_NAME_TEMPLATE = "organization_name_template";
    static final String SUBJECT_TEMPLATE = "ticket_subject_template";
    static final String TAG_TEMPLATE = "ticket_tag_template";
    static final String CALL_COMMENT = "call_comment";
    static final String COMMENT_VISIBILITY = "call_comment_visibility";
    static final String CUSTOM_FIELDS = "custom_fields";
    static final String AGENTS = "agents";
    static final String FALLBACK_AGENT = "fallback_agent";
    static final String DUTY_AGENT = "duty_agent";
    static final String FIRST_RUNG_RESPONSIBLE = "first_rung_responsible";
    static final String SCHEME_FILTER = "scheme_filter";
    static final String SCHEMES = "schemes";
    static final String TRANSFER_SCHEMES = "transfer_schemes";
    static final String PHONE_FORMAT = "phone_format";
    static final String PHONE_REGION = "phone_region";
    static final String TIME_ZONE = "time_zone";

    static final String DEFAULT_CLIENT_NAME = "{{phone}}";
    static final String DEFAULT_ORGANIZATION_NAME = "{{phone}}";
    static final String DEFAULT_SUBJECT = "Call {{phone}} ({{direction}})";
    static final String DEFAULT_TAG = "call";
    static final String DEFAULT_REGION = "RU";
    static final String DEFAULT_ZONE = "Europe/Moscow";

    /** Where a mapped call attribute is written. */
    enum FieldTarget {
        TICKET, CLIENT, ORGANIZATION
    }

    /**
     * One row of the custom-field mapping.
     *
     * @param attribute a template variable name or a call attribute of the telephony connector
     * @param target    ticket, client or organization
     * @param fieldId   the helpdesk's custom field id
     */
    record FieldMapping(String attribute, FieldTarget target, String fieldId) {
    }

    /** The variables every template may use, in the order the form lists them. */
    static final List<TemplateVariable> VARIABLES = List.of(
            new TemplateVariable("phone", "The client's number, in the chosen number format", "+79161234567"),
            new TemplateVariable("direction", "incoming, outgoing or internal", "incoming"),
            new TemplateVariable("status", "How the call went: answered, missed, busy, no answer, cancelled, failed; "
                    + "empty while the call is still going on", "missed"),
            new TemplateVariable("scheme", "The PBX scheme (routing tree, number pool) that handled the call",
                    "Входящая"),
            new TemplateVariable("employee", "The helpdesk agent of the employee on the call (who answered, who "
                    + "called, or whose phone rang), else their extension", "Anna Petrova"),
            new TemplateVariable("extension", "That employee's PBX extension", "201"),
            new TemplateVariable("line", "The company number the client dialled, when the PBX says", "+74951234567"),
            new TemplateVariable("date", "Date the call started (dd.mm.yyyy, in the chosen time zone)", "02.05.2024"),
            new TemplateVariable("time", "Time the call started (hh:mm, in the chosen time zone)", "13:00"),
            new TemplateVariable("duration", "Whole call, ringing included (m:ss); empty until the call ends",
                    "1:10"),
            new TemplateVariable("talk_duration", "Conversation only (m:ss); empty until the call ends", "1:00"),
            new TemplateVariable("recording", "Link to the recording; empty when there is none",
                    "https://sipuni.com/api/crm/record?id=…"),
            new TemplateVariable("call_id", "The PBX's id of the call", "1774373436.533962"));

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.multiChoice(SEARCH_STATUSES, "Ticket statuses that count as an existing ticket", List.of())
                    .fromSource("statuses").withHelp("A call from a known client is added to the client's most "
                            + "recent ticket in one of these statuses; when there is none, a new ticket is created "
                            + "(status New). Nothing ticked: the helpdesk's open statuses (new, open, pending, on "
                            + "hold)."),
            ConfigField.bool(NEW_TICKET_EVERY_CALL, "Create a new ticket on every call").withDefault("false")
                    .withHelp("Every call gets its own ticket, whatever tickets the client already has; the status "
                            + "search above is then ignored."),
            ConfigField.bool(CREATE_CLIENT, "Create client").withDefault("true").withHelp(
                    "Create a client with the name below when no client has the number. Off: tickets of unknown "
                            + "numbers have no client."),
            ConfigField.bool(CREATE_TICKET, "Create ticket").withDefault("true").withHelp(
                    "Create a ticket when no existing one is found. Off: calls are only added to existing "
                            + "tickets."),
            ConfigField.bool(CREATE_ORGANIZATION, "Create organization").withDefault("false").withHelp(
                    "When the call's client (found or created) belongs to no organization, find the organization "
                            + "with the name below or create it, put the client in it, and create new tickets with "
                            + "it. A client already in an organization keeps it and its new tickets get it. Only for "
                            + "helpdesks with organizations (companies)."),
            ConfigField.choice(TICKET_TYPE, "Type of created tickets", List.of(
                    Choice.of("question", "Question"), Choice.of("task", "Task"), Choice.of("problem", "Problem"),
                    Choice.of("incident", "Incident"))).withDefault("question"),
            ConfigField.choice(TICKET_PRIORITY, "Priority of created tickets", List.of(
                    Choice.of("low", "Low"), Choice.of("normal", "Normal"), Choice.of("high", "High"),
                    Choice.of("urgent", "Urgent"))).withDefault("normal"),
            ConfigField.template(CLIENT_NAME_TEMPLATE, "Client name", VARIABLES).withDefault(DEFAULT_CLIENT_NAME)
                    .withHelp("Name of a new client card."),
            ConfigField.template(ORGANIZATION_NAME_TEMPLATE, "Organization name", VARIABLES)
                    .withDefault(DEFAULT_ORGANIZATION_NAME).withHelp("Used when 'Create organization' is on: the "
                            + "organization with this name is used, or created with it, for a client without one."),
            ConfigField.template(SUBJECT_TEMPLATE, "Ticket subject", VARIABLES).withDefault(DEFAULT_SUBJECT)
                    .withHelp("Subject of a new ticket, written when the ticket is created (usually while the "
                            + "phone rings, so status and durations are still empty)."),
            ConfigField.template(TAG_TEMPLATE, "Ticket tags", VARIABLES).withDefault(DEFAULT_TAG)
                    .withHelp("Tags of a new ticket, separated by commas; empty means no tag. Written when the "
                            + "ticket is created and again when the call ends, so {{status}} adds e.g. 'missed'."),
            ConfigField.bool(CALL_COMMENT, "Add call details to the ticket").withDefault("true").withHelp(
                    "When a call ends, a comment with direction, status, date and time, duration, employee, "
                            + "scheme and recording link is added to its ticket."),
            ConfigField.choice(COMMENT_VISIBILITY, "Call details are", List.of(
                    Choice.of("private", "Internal note (agents only)"),
                    Choice.of("public", "Public comment (the client may receive it)")))
                    .withDefault("private"),
            ConfigField.mapping(CUSTOM_FIELDS, "Call data into custom fields", List.of(
                    ConfigField.text("attribute", "Call data").asRequired().withPattern("[A-Za-z0-9_.-]{1,64}")
                            .withHelp("a variable name (phone, status, scheme, employee, duration, …) or a call "
                                    + "attribute: utm_source, utm_medium, utm_campaign, utm_content, utm_term, "
                                    + "scheme_name, transfer_scheme, landing_page"),
                    ConfigField.choice("target", "Written to", List.of(Choice.of("ticket", "Ticket"),
                            Choice.of("client", "Client"), Choice.of("organization", "Organization")))
                            .withDefault("ticket"),
                    ConfigField.text("field_id", "Custom field id").asRequired().withPattern("[A-Za-z0-9_.:-]{1,64}")
                            .withHelp("the id of the field in the helpdesk"))).withHelp(
                    "Which call data goes into which custom field of the ticket, client or organization (a new one "
                            + "only)."),
            ConfigField.mapping(AGENTS, "Agents and extensions", List.of(
                    ConfigField.choice("agent", "Agent", List.of()).fromSource("agents").asRequired(),
                    ConfigField.text("extension", "Extension").asRequired().withPattern("[0-9*#+]{1,20}")
                            .withHelp("the employee's internal number in the PBX, e.g. 201"))).withHelp(
                    "Who is who: new tickets go to the agent of the employee who answered or called. Employees "
                            + "not listed are matched by e-mail or full name when the PBX sends them."),
            ConfigField.choice(FALLBACK_AGENT, "Responsible when nobody is", List.of()).fromSource("agents")
                    .withHelp("New tickets go to this agent when no employee of the call is known yet (e.g. the "
                            + "phone is still ringing). Empty: unassigned."),
            ConfigField.choice(DUTY_AGENT, "On-duty agent for missed calls", List.of()).fromSource("agents")
                    .withHelp("Tickets created for a missed call go to this agent."),
            ConfigField.bool(FIRST_RUNG_RESPONSIBLE, "Make the first employee the call rang to responsible for "
                    + "missed calls").withDefault("false").withHelp("Instead of the on-duty agent, the ticket of a "
                    + "missed call goes to the agent of the first employee whose phone rang."),
            ConfigField.choice(SCHEME_FILTER, "Schemes", List.of(Choice.of("all", "All schemes"),
                    Choice.of("selected", "Only the schemes listed below"))).withDefault("all"),
            ConfigField.mapping(SCHEMES, "Schemes to process", List.of(
                    ConfigField.text("scheme", "Scheme name").asRequired().withHelp(
                            "as the PBX names it, e.g. Входящая"))).withHelp(
                    "Used when 'Only the schemes listed below' is chosen. Names are compared ignoring case."),
            ConfigField.mapping(TRANSFER_SCHEMES, "Process calls transferred to these schemes", List.of(
                    ConfigField.text("scheme", "Scheme name").asRequired())).withHelp(
                    "Used when 'Only the schemes listed below' is chosen: a call that came in through another "
                            + "scheme (e.g. a distributor) is processed from the moment it is transferred to one "
                            + "of these."),
            ConfigField.choice(PHONE_FORMAT, "Number format", PhoneFormat.choices())
                    .withDefault(PhoneFormat.E164.value).withHelp("How numbers are written into clients and "
                            + "tickets."),
            ConfigField.text(PHONE_REGION, "Country of numbers without a country code").withPattern("[A-Z]{2}")
                    .withDefault(DEFAULT_REGION).withHelp("two capital letters (ISO 3166), e.g. RU, UA, KZ"),
            ConfigField.text(TIME_ZONE, "Time zone of dates and times").withDefault(DEFAULT_ZONE)
                    .withPattern("[A-Za-z0-9_/+-]{1,64}").withHelp("a time zone name such as Europe/Moscow"));

    CallToTicketOptions {
        searchStatuses = Set.copyOf(searchStatuses);
        fieldMappings = List.copyOf(fieldMappings);
        extensions = Map.copyOf(extensions);
        schemes = Set.copyOf(schemes);
        transferSchemes = Set.copyOf(transferSchemes);
        fallbacks = List.copyOf(fallbacks);
    }

    /**
     * Reads saved options. Absent values take the schema's defaults; values the platform would have refused
     * (it validates against {@link #SCHEMA} first) fall back to the default too, never an exception, because a flow
     * must not dead-letter a call for an option it can live without. {@link #validate} reports them.
     */
    static CallToTicketOptions from(ConfigValues values) {
        List<String> fallbacks = new ArrayList<>();
        Map<String, String> extensions = new LinkedHashMap<>();
        for (Map<String, String> row : values.rows(AGENTS)) {
            String agent = blankToNull(row.get("agent"));
            String extension = blankToNull(row.get("extension"));
            if (agent != null && extension != null) {
                extensions.putIfAbsent(extension, agent);
            }
        }
        List<FieldMapping> mappings = new ArrayList<>();
        for (Map<String, String> row : values.rows(CUSTOM_FIELDS)) {
            String attribute = blankToNull(row.get("attribute"));
            String fieldId = blankToNull(row.get("field_id"));
            if (attribute != null && fieldId != null) {
                String targetName = String.valueOf(row.get("target"));
                FieldTarget target = "client".equalsIgnoreCase(targetName) ? FieldTarget.CLIENT
                        : "organization".equalsIgnoreCase(targetName) ? FieldTarget.ORGANIZATION : FieldTarget.TICKET;
                mappings.add(new FieldMapping(attribute, target, fieldId));
            }
        }
        return new CallToTicketOptions(
                new LinkedHashSet<>(values.list(SEARCH_STATUSES)),
                bool(values, NEW_TICKET_EVERY_CALL, false),
                bool(values, CREATE_CLIENT, true),
                bool(values, CREATE_TICKET, true),
                bool(values, CREATE_ORGANIZATION, false),
                enumOf(TicketType.class, values.text(TICKET_TYPE).orElse(null), TicketType.QUESTION, "ticket type",
                        fallbacks),
                enumOf(TicketPriority.class, values.text(TICKET_PRIORITY).orElse(null), TicketPriority.NORMAL,
                        "priority", fallbacks),
                values.text(CLIENT_NAME_TEMPLATE).orElse(DEFAULT_CLIENT_NAME),
                values.text(ORGANIZATION_NAME_TEMPLATE).orElse(DEFAULT_ORGANIZATION_NAME),
                values.text(SUBJECT_TEMPLATE).orElse(DEFAULT_SUBJECT),
                // A tag template saved empty means "no tag"; only an absent one takes the default.
                values.asMap().containsKey(TAG_TEMPLATE) ? values.text(TAG_TEMPLATE).orElse("") : DEFAULT_TAG,
                bool(values, CALL_COMMENT, true),
                "public".equalsIgnoreCase(values.text(COMMENT_VISIBILITY).orElse("private")),
                mappings,
                extensions,
                values.text(FALLBACK_AGENT).orElse(null),
                values.text(DUTY_AGENT).orElse(null),
                bool(values, FIRST_RUNG_RESPONSIBLE, false),
                "selected".equalsIgnoreCase(values.text(SCHEME_FILTER).orElse("all")),
                schemeNames(values.rows(SCHEMES)),
                schemeNames(values.rows(TRANSFER_SCHEMES)),
                phoneFormat(values.text(PHONE_FORMAT).orElse(null), fallbacks),
                region(values.text(PHONE_REGION).orElse(DEFAULT_REGION), fallbacks),
                zone(values.text(TIME_ZONE).orElse(DEFAULT_ZONE), fallbacks),
                fallbacks);
    }

    /**
     * Rules the schema cannot express: a time zone that exists, a scheme list when only listed schemes are
     * processed, an on-duty agent or the first-rung option… No network calls.
     */
    static List<ValidationProblem> validate(ConfigValues values) {
        List<ValidationProblem> problems = new ArrayList<>();
        values.text(TIME_ZONE).ifPresent(z -> {
            try {
                ZoneId.of(z.trim());
            } catch (DateTimeException e) {
                problems.add(new ValidationProblem(TIME_ZONE, "Unknown time zone '" + z
                        + "'; use a name such as Europe/Moscow or Asia/Almaty."));
            }
        });
        if ("selected".equalsIgnoreCase(values.text(SCHEME_FILTER).orElse("all"))
                && schemeNames(values.rows(SCHEMES)).isEmpty()
                && schemeNames(values.rows(TRANSFER_SCHEMES)).isEmpty()) {
            problems.add(new ValidationProblem(SCHEMES, "List at least one scheme, or choose 'All schemes': "
                    + "otherwise no call is processed."));
        }
        if (!values.bool(CREATE_TICKET) && values.asMap().containsKey(CREATE_TICKET)
                && values.bool(NEW_TICKET_EVERY_CALL)) {
            problems.add(new ValidationProblem(NEW_TICKET_EVERY_CALL, "'Create a new ticket on every call' needs "
                    + "'Create ticket' switched on."));
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map<String, String> row : values.rows(AGENTS)) {
            String extension = blankToNull(row.get("extension"));
            String agent = blankToNull(row.get("agent"));
            if (extension != null && agent != null && seen.containsKey(extension)
                    && !seen.get(extension).equals(agent)) {
                problems.add(new ValidationProblem(AGENTS, "Extension " + extension
                        + " is given to two agents; each extension may belong to one agent."));
            }
            if (extension != null && agent != null) {
                seen.putIfAbsent(extension, agent);
            }
        }
        return problems;
    }

    private static boolean bool(ConfigValues values, String key, boolean fallback) {
        return values.asMap().get(key) == null ? fallback : values.bool(key);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, E fallback, String what,
                                                List<String> fallbacks) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            fallbacks.add("The " + what + " option '" + value + "' is unknown; " + lower(fallback) + " is used.");
            return fallback;
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static PhoneFormat phoneFormat(String value, List<String> fallbacks) {
        if (value == null) {
            return PhoneFormat.E164;
        }
        PhoneFormat format = PhoneFormat.ofOrNull(value);
        if (format == null) {
            fallbacks.add("The number format '" + value + "' is unknown; E.164 is used.");
            return PhoneFormat.E164;
        }
        return format;
    }

    private static String region(String value, List<String> fallbacks) {
        String region = value.trim().toUpperCase(Locale.ROOT);
        if (region.matches("[A-Z]{2}")) {
            return region;
        }
        fallbacks.add("The number region '" + value + "' is not a two-letter country code; " + DEFAULT_REGION
                + " is used.");
        return DEFAULT_REGION;
    }

    private static Set<String> schemeNames(List<Map<String, String>> rows) {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, String> row : rows) {
            String name = blankToNull(row.get("scheme"));
            if (name != null) {
                names.add(normalizeScheme(name));
            }
        }
        return names;
    }

    /** Scheme names are compared trimmed, ignoring case. */
    static String normalizeScheme(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static ZoneId zone(String name, List<String> fallbacks) {
        try {
            return ZoneId.of(name.trim());
        } catch (DateTimeException e) {
            fallbacks.add("The time zone '" + name + "' is unknown; " + DEFAULT_ZONE + " is used.");
            return ZoneId.of(DEFAULT_ZONE);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
