package io.switchboard.platform.flow.chatcommand;

import io.switchboard.spi.config.Choice;
import io.switchboard.spi.config.ConfigField;
import io.switchboard.spi.config.ConfigSchema;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.TemplateVariable;
import java.util.List;
import java.util.Locale;

/**
 * The options of a chat-command-to-ticket flow, as the tenant sets them (the form is rendered from {@link #SCHEMA};
 * the {@code statuses} choices come from the helpdesk connection), read into a value.
 *
 * @param command             the command word, lower case, without the slash
 * @param subjectTemplate     the ticket subject
 * @param conversationField   the name of the ticket field that gets the conversation's link (or id)
 * @param leadField           the name of the ticket field that gets the lead card's link (or id)
 * @param botReply            whether the chat is told a ticket was created
 * @param botReplyPublic      whether that message is a reply the visitor sees (else a note for operators)
 * @param botReplyTemplate    its text
 * @param leadNote            whether a note with the ticket number is written on the lead
 * @param leadNoteTemplate    its text
 * @param closingNote         whether operators are told in the conversation when the ticket is closed
 * @param closingNoteTemplate its text
 * @param closingStatuses     helpdesk status ids that count as closed; empty: the helpdesk's resolved and closed ones
 */
record ChatCommandOptions(String command, String subjectTemplate, String conversationField, String leadField,
                          boolean botReply, boolean botReplyPublic, String botReplyTemplate, boolean leadNote,
                          String leadNoteTemplate, boolean closingNote, String closingNoteTemplate,
                          List<String> closingStatuses) {

    static final String COMMAND = "command";
    static final String SUBJECT_TEMPLATE = "ticket_subject_template";
    static final String CONVERSATION_FIELD = "conversation_field";
    static final String LEAD_FIELD = "lead_field";
    static final String BOT_REPLY = "bot_reply";
    static final String BOT_REPLY_VISIBILITY = "bot_reply_visibility";
    static final String BOT_REPLY_TEMPLATE = "bot_reply_template";
    static final String LEAD_NOTE = "lead_note";
    static final String LEAD_NOTE_TEMPLATE = "lead_note_template";
    static final String CLOSING_NOTE = "closing_note";
    static final String CLOSING_NOTE_TEMPLATE = "closing_note_template";
    static final String CLOSING_STATUSES = "closing_statuses";

    static final String DEFAULT_COMMAND = "usedesk";
    static final String DEFAULT_SUBJECT = "{{name}} - {{site}}";
    static final String DEFAULT_CONVERSATION_FIELD = "Dialog ID in CQ";
    static final String DEFAULT_LEAD_FIELD = "Profile ID in CQ";
    static final String DEFAULT_BOT_REPLY = "Ticket #{{ticket_number}} was created in {{helpdesk}}. {{ticket_url}}";
    static final String DEFAULT_LEAD_NOTE = "Ticket #{{ticket_number}} in {{helpdesk}}: {{ticket_url}}";
    static final String DEFAULT_CLOSING_NOTE = "Ticket #{{ticket_number}} was closed in {{helpdesk}}. {{ticket_url}}";

    /** Variables of the ticket subject: what is known before the ticket exists. */
    static final List<TemplateVariable> LEAD_VARIABLES = List.of(
            new TemplateVariable("name", "The lead's name (\"Anonymous #1\" when the chat has none)", "Anna Smith"),
            new TemplateVariable("email", "The lead's e-mail", "anna@example.com"),
            new TemplateVariable("site", "The site the chat is on (the chat connection's setting)", "example.com"),
            new TemplateVariable("text", "The text written after the command", "Cannot log in"),
            new TemplateVariable("conversation_id", "The chat's id of the conversation", "1983951193033934722"),
            new TemplateVariable("lead_id", "The chat's id of the lead", "1983951193033934001"));

    /** Variables of the messages written after the ticket exists. */
    static final List<TemplateVariable> TICKET_VARIABLES = java.util.stream.Stream.concat(LEAD_VARIABLES.stream(),
            java.util.stream.Stream.of(
                    new TemplateVariable("ticket_id", "The helpdesk's id of the ticket", "2261907"),
                    new TemplateVariable("ticket_number", "The ticket's number as agents see it", "2261907"),
                    new TemplateVariable("ticket_url", "Link to the ticket in the helpdesk",
                            "https://secure.usedesk.ru/tickets/2261907"),
                    new TemplateVariable("helpdesk", "The helpdesk's name", "Usedesk"))).toList();

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.text(COMMAND, "Command").withDefault(DEFAULT_COMMAND)
                    .withPattern("/?[\\p{L}\\p{N}_-]{1,40}").withHelp(
                            "The word an operator types after a slash to make a ticket, e.g. usedesk for \"/usedesk"
                                    + " The client cannot log in\". Letters, digits, '_' or '-'."),
            ConfigField.template(SUBJECT_TEMPLATE, "Ticket subject", LEAD_VARIABLES).withDefault(DEFAULT_SUBJECT),
            ConfigField.text(CONVERSATION_FIELD, "Ticket field for the conversation")
                    .withDefault(DEFAULT_CONVERSATION_FIELD).withHelp(
                            "The name of a helpdesk ticket field (a text field you create in the helpdesk) that gets"
                                    + " the link to the conversation, or its id when the chat has no link. Empty: not"
                                    + " written."),
            ConfigField.text(LEAD_FIELD, "Ticket field for the lead").withDefault(DEFAULT_LEAD_FIELD).withHelp(
                    "The name of a helpdesk ticket field that gets the link to the lead's card, or the lead's id."
                            + " Empty: not written."),
            ConfigField.bool(BOT_REPLY, "Tell the chat a ticket was created").withDefault("true"),
            ConfigField.choice(BOT_REPLY_VISIBILITY, "That message is", List.of(
                            Choice.of("public", "A reply the visitor sees"),
                            Choice.of("operators", "A note only operators see")))
                    .withDefault("public"),
            ConfigField.template(BOT_REPLY_TEMPLATE, "Its text", TICKET_VARIABLES).withDefault(DEFAULT_BOT_REPLY),
            ConfigField.bool(LEAD_NOTE, "Write a note with the ticket number on the lead").withDefault("true"),
            ConfigField.template(LEAD_NOTE_TEMPLATE, "Lead note", TICKET_VARIABLES).withDefault(DEFAULT_LEAD_NOTE),
            ConfigField.bool(CLOSING_NOTE, "Tell operators in the conversation when the ticket is closed")
                    .withDefault("true").withHelp("A note only operators see. Nothing is written when the ticket is"
                            + " reopened, or when it was closed together with an agent's reply."),
            ConfigField.template(CLOSING_NOTE_TEMPLATE, "Closing note", TICKET_VARIABLES)
                    .withDefault(DEFAULT_CLOSING_NOTE),
            ConfigField.multiChoice(CLOSING_STATUSES, "Statuses that count as closed", List.of())
                    .fromSource("statuses").withHelp("None ticked: the helpdesk's resolved and closed statuses."));

    static ChatCommandOptions from(ConfigValues options) {
        String command = options.text(COMMAND).orElse(DEFAULT_COMMAND).trim();
        if (command.startsWith("/")) {
            command = command.substring(1);
        }
        return new ChatCommandOptions(command.toLowerCase(Locale.ROOT),
                options.text(SUBJECT_TEMPLATE).orElse(DEFAULT_SUBJECT),
                options.text(CONVERSATION_FIELD).map(String::trim).orElse(""),
                options.text(LEAD_FIELD).map(String::trim).orElse(""),
                options.bool(BOT_REPLY),
                !"operators".equals(options.text(BOT_REPLY_VISIBILITY).orElse("public")),
                options.text(BOT_REPLY_TEMPLATE).orElse(DEFAULT_BOT_REPLY),
                options.bool(LEAD_NOTE),
                options.text(LEAD_NOTE_TEMPLATE).orElse(DEFAULT_LEAD_NOTE),
                options.bool(CLOSING_NOTE),
                options.text(CLOSING_NOTE_TEMPLATE).orElse(DEFAULT_CLOSING_NOTE),
                options.list(CLOSING_STATUSES));
    }
}
