package io.switchboard.plugins.usedesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.TicketPriority;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.spi.helpdesk.TicketStatusOption;
import io.switchboard.spi.helpdesk.TicketType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fixed tables of Usedesk (README, "Vendor facts") and small conversions between the SPI's values and
 * Usedesk's fields. Stateless.
 */
final class UsedeskMapping {

    /** The status Usedesk gives a ticket created without one: 8, "New". */
    static final String DEFAULT_STATUS_ID = "8";

    /**
     * The ten status ids of every Usedesk account (they are not configurable, so no call is needed), with the
     * English labels of the vendor's UI.
     */
    static final List<TicketStatusOption> STATUSES = List.of(
            new TicketStatusOption("1", "Open", TicketStatus.OPEN),
            new TicketStatusOption("2", "Solved", TicketStatus.RESOLVED),
            new TicketStatusOption("3", "Closed", TicketStatus.CLOSED),
            new TicketStatusOption("4", "Deleted", TicketStatus.DELETED),
            new TicketStatusOption("5", "On hold", TicketStatus.ON_HOLD),
            new TicketStatusOption("6", "Pending", TicketStatus.PENDING),
            new TicketStatusOption("7", "Spam", TicketStatus.SPAM),
            new TicketStatusOption("8", "New", TicketStatus.NEW),
            new TicketStatusOption("9", "Newsletter", TicketStatus.OTHER),
            new TicketStatusOption("10", "Merged", TicketStatus.MERGED));

    private UsedeskMapping() {
    }

    /** @return the neutral meaning of a status id; {@link TicketStatus#OTHER} for an unknown or missing one */
    static TicketStatus status(String statusId) {
        for (TicketStatusOption option : STATUSES) {
            if (option.id().equals(statusId)) {
                return option.meaning();
            }
        }
        return TicketStatus.OTHER;
    }

    /**
     * Usedesk has four priorities and no "high"; the neutral scale is shifted up from the middle so that HIGH and
     * URGENT stay distinct: NORMAL→medium, LOW→low, HIGH→urgent, URGENT→extreme.
     */
    static String priority(TicketPriority priority) {
        return switch (priority) {
            case LOW -> "low";
            case NORMAL -> "medium";
            case HIGH -> "urgent";
            case URGENT -> "extreme";
        };
    }

    /** @return the Usedesk ticket type: the neutral name in lower case (question, task, problem, incident) */
    static String type(TicketType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Turns plain text into the HTML Usedesk reads {@code message} as: special characters escaped (a client's
     * "&lt;b&gt;" must not become markup) and line breaks kept as {@code <br>} (call details are several lines).
     */
    static String html(String plain) {
        StringBuilder out = new StringBuilder(plain.length() + 16);
        for (char c : plain.replace("\r\n", "\n").toCharArray()) {
            switch (c) {
                case '\n' -> out.append("<br>");
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** @return the digits of a phone number */
    static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("\\D", "");
    }

    /**
     * The comparable part of a phone number: its last ten digits, so that the Russian forms +7 999 000-11-22,
     * 8 999 0001122 and 79990001122 are one number. Shorter numbers are compared whole.
     */
    static String phoneKey(String phone) {
        String digits = digits(phone);
        return digits.length() > 10 ? digits.substring(digits.length() - 10) : digits;
    }

    /**
     * Puts a Usedesk id (always numeric) as a JSON number.
     *
     * @throws PermanentVendorException when the id is not a number: no Usedesk entity can have it
     */
    static void putId(ObjectNode body, String field, String id) {
        body.put(field, id(id, field));
    }

    /** @return the id as a number; {@link PermanentVendorException} naming the field when it is not one */
    static long id(String id, String field) {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw new PermanentVendorException("\"" + id + "\" is not a Usedesk id (" + field + "): Usedesk ids are"
                    + " numbers");
        }
    }

    /** Adds custom fields as Usedesk's array of {@code {id, value}} under {@code field}, in id order. */
    static void putCustomFields(ObjectNode body, String field, Map<String, String> customFields) {
        ArrayNode list = body.putArray(field);
        new TreeMap<>(customFields).forEach((id, value) ->
                list.addObject().put("id", id(id, "custom field id")).put("value", value));
    }

    /**
     * @return the value as text, or {@code null} when missing, JSON null or blank; Usedesk sends numbers as
     *         numbers or as strings, so both read the same
     */
    static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }
}
