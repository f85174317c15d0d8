package io.switchboard.platform.flow.conversationtask;

import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.TemplateVariable;
import java.util.List;

/**
 * The options of a conversation ↔ task flow, as the tenant sets them (the form is rendered from {@link #SCHEMA}; the
 * {@code agents} and {@code statuses} choices come from the task system's connection), read into a value. The
 * platform's validator fills in the defaults before a flow runs, so every boolean is present.
 *
 * @param taskTemplate      the task template id, or {@code null} for the connection's own default
 * @param contactTemplate   the contact template id, or {@code null} for the connection's own default
 * @param extraEmployees    employees added to each new task besides the template's
 * @param subjectTemplate   the task's title
 * @param textTemplate      the task's description: who, where from, on which device
 * @param onlyIfNoActive    create a task only when the contact has no active one (else the chat continues it)
 * @param sendAsEmployee    post a task comment in the chat as the agent whose e-mail is the author's
 * @param completeOnLeave   mark the task completed when the client leaves the chat
 * @param completedStatus   the status id meaning "completed", or {@code null}: the task system's closed status
 * @param contactAction     add an action with OS, browser and IP to the contact for each conversation
 * @param actionTemplate    that action's text
 * @param agentMessages     also copy what agents write in the chat into the task
 */
record ConversationTaskOptions(String taskTemplate, String contactTemplate, List<String> extraEmployees,
                               String subjectTemplate, String textTemplate, boolean onlyIfNoActive,
                               boolean sendAsEmployee, boolean completeOnLeave, String completedStatus,
                               boolean contactAction, String actionTemplate, boolean agentMessages) {

    static final String TASK_TEMPLATE = "task_template";
    static final String CONTACT_TEMPLATE = "contact_template";
    static final String EXTRA_EMPLOYEES = "extra_employees";
    static final String SUBJECT_TEMPLATE = "task_subject_template";
    static final String TEXT_TEMPLATE = "task_text_template";
    static final String ONLY_IF_NO_ACTIVE = "only_if_no_active_task";
    static final String SEND_AS_EMPLOYEE = "send_as_employee";
    static final String COMPLETE_ON_LEAVE = "complete_on_leave";
    static final String COMPLETED_STATUS = "completed_status";
    static final String CONTACT_ACTION = "contact_action";
    static final String ACTION_TEMPLATE = "contact_action_template";
    static final String AGENT_MESSAGES = "agent_messages";

    static final String DEFAULT_SUBJECT = "{{subject}}";
    static final String DEFAULT_TEXT = """
            Chat: {{conversation_url}}
            Client: {{name}} {{email}} {{phone}}
            City: {{city}}
            Pages: {{pages}}
            Source: {{source}}
            Device: {{device}}""";
    static final String DEFAULT_ACTION = "Chat {{conversation_id}}: OS {{os}}, browser {{browser}}, IP {{ip}}";

    /** Variables of the task's title and text and of the contact's action: what the chat tells of the visitor. */
    static final List<TemplateVariable> VARIABLES = List.of(
            new TemplateVariable("subject", "The subject the channel gave the conversation (a website's request), else"
                    + " \"Chat with\" and the client's name", "Chat with Anna Smith"),
            new TemplateVariable("name", "The client's name (\"Visitor <id>\" until they introduce themself)",
                    "Anna Smith"),
            new TemplateVariable("email", "The client's e-mail", "anna@example.com"),
            new TemplateVariable("phone", "The client's phone", "+79161234567"),
            new TemplateVariable("city", "City by the visitor's IP", "Moscow"),
            new TemplateVariable("pages", "Pages the visitor saw, in order, comma-separated",
                    "https://example.com/, https://example.com/pricing"),
            new TemplateVariable("source", "Where the visitor came from (referrer, UTM)", "google / cpc"),
            new TemplateVariable("device", "Device kind", "desktop"),
            new TemplateVariable("os", "Operating system", "Windows 10"),
            new TemplateVariable("browser", "Browser", "Chrome 120"),
            new TemplateVariable("ip", "IP address", "203.0.113.7"),
            new TemplateVariable("conversation_id", "The chat's id of the conversation", "5f1c9:Rk2a"),
            new TemplateVariable("conversation_url", "Link to the conversation in the chat", "https://app.chatra.io/"),
            new TemplateVariable("chat", "The chat connection's name", "Chatra"));

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.text(TASK_TEMPLATE, "Task template").withHelp("The id of the task template new tasks are"
                    + " made from. Empty: the task system connection's default template."),
            ConfigField.text(CONTACT_TEMPLATE, "Contact template").withHelp("The id of the contact template new"
                    + " contacts are made from. Empty: the connection's default."),
            ConfigField.multiChoice(EXTRA_EMPLOYEES, "Also add these employees to each task", List.of())
                    .fromSource("agents").withHelp("Added besides the assignees the template sets."),
            ConfigField.template(SUBJECT_TEMPLATE, "Task title", VARIABLES).withDefault(DEFAULT_SUBJECT),
            ConfigField.template(TEXT_TEMPLATE, "Task text", VARIABLES).withDefault(DEFAULT_TEXT).withHelp(
                    "One line each; a line whose value is unknown (\"City:\" with no city) is left out."),
            ConfigField.bool(ONLY_IF_NO_ACTIVE, "New task only if the contact has no active task")
                    .withDefault("false").withHelp("When the contact has an active task, a new chat continues it:"
                            + " its messages become comments there."),
            ConfigField.bool(SEND_AS_EMPLOYEE, "Send task comments to the chat as the employee").withDefault("true")
                    .withHelp("As the chat agent whose e-mail is the comment author's; otherwise, or without such an"
                            + " agent, as the integration's chat user."),
            ConfigField.bool(AGENT_MESSAGES, "Copy agents' chat messages into the task").withDefault("true")
                    .withHelp("What agents write in the chat itself becomes a task comment too, marked with their"
                            + " name, so the task holds the whole conversation."),
            ConfigField.bool(COMPLETE_ON_LEAVE, "Complete the task when the client leaves the chat")
                    .withDefault("true"),
            ConfigField.choice(COMPLETED_STATUS, "Status meaning completed", List.of()).fromSource("statuses")
                    .withHelp("Empty: the task system's closed (else resolved) status."),
            ConfigField.bool(CONTACT_ACTION, "Add an action with OS, browser and IP to the contact").withDefault("true")
                    .withHelp("Once per conversation, on the contact's profile."),
            ConfigField.template(ACTION_TEMPLATE, "Action text", VARIABLES).withDefault(DEFAULT_ACTION));

    static ConversationTaskOptions from(ConfigValues options) {
        return new ConversationTaskOptions(
                options.text(TASK_TEMPLATE).map(String::trim).filter(t -> !t.isEmpty()).orElse(null),
                options.text(CONTACT_TEMPLATE).map(String::trim).filter(t -> !t.isEmpty()).orElse(null),
                options.list(EXTRA_EMPLOYEES),
                options.text(SUBJECT_TEMPLATE).orElse(DEFAULT_SUBJECT),
                options.text(TEXT_TEMPLATE).orElse(DEFAULT_TEXT),
                options.bool(ONLY_IF_NO_ACTIVE),
                options.bool(SEND_AS_EMPLOYEE),
                options.bool(COMPLETE_ON_LEAVE),
                options.text(COMPLETED_STATUS).map(String::trim).filter(t -> !t.isEmpty()).orElse(null),
                options.bool(CONTACT_ACTION),
                options.text(ACTION_TEMPLATE).orElse(DEFAULT_ACTION),
                options.bool(AGENT_MESSAGES));
    }
}
