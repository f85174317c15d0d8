package io.switchboard.plugins.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.TicketPriority;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.spi.helpdesk.TicketStatusOption;
import io.switchboard.spi.helpdesk.TicketType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Zendesk's fixed tables (README, "Vendor facts") and small conversions between the SPI's values and Zendesk's
 * fields. Stateless.
 */
final class ZendeskMapping {

    /**
     * The six system statuses of every Zendesk account, in Zendesk's own order (new &lt; open &lt; pending &lt; hold
     * &lt; solved &lt; closed). The status id is Zendesk's status name. Custom ticket statuses (an Enterprise
     * feature, {@code custom_status_id}) are not read: each belongs to one of these six categories, which is what
     * the {@code status} field carries.
     */
    static final List<TicketStatusOption> STATUSES = List.of(
            new TicketStatusOption("new", "New", TicketStatus.NEW),
            new TicketStatusOption("open", "Open", TicketStatus.OPEN),
            new TicketStatusOption("pending", "Pending", TicketStatus.PENDING),
            new TicketStatusOption("hold", "On-hold", TicketStatus.ON_HOLD),
            new TicketStatusOption("solved", "Solved", TicketStatus.RESOLVED),
            new TicketStatusOption("closed", "Closed", TicketStatus.CLOSED));

    private ZendeskMapping() {
    }

    /**
     * @return Zendesk's status name for a status as it may arrive: any case ({@code SOLVED} in event webhooks),
     *         {@code on-hold}/{@code on_hold} for {@code hold}; {@code null} for a missing or blank one; an unknown
     *         name is returned lower-cased as is
     */
    static String statusId(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String s = status.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "on-hold", "on_hold", "onhold" -> "hold";
            default -> s;
        };
    }

    /** @return the neutral meaning of a status; {@link TicketStatus#OTHER} for an unknown or missing one */
    static TicketStatus status(String statusId) {
        String id = statusId(statusId);
        for (TicketStatusOption option : STATUSES) {
            if (option.id().equals(id)) {
                return option.meaning();
            }
        }
        return TicketStatus.OTHER;
    }

    /**
     * @return the status to send, checked against the six names
     * @throws PermanentVendorException for an unknown status, and for {@code closed}, which Zendesk does not let a
     *                                  client set
     */
    static String settableStatus(String statusId) {
        String id = statusId(statusId);
        if ("closed".equals(id)) {
            throw new PermanentVendorException("Zendesk does not let a ticket be set to closed directly; use solved"
                    + " (Zendesk closes solved tickets itself)");
        }
        if (STATUSES.stream().noneMatch(s -> s.id().equals(id))) {
            throw new PermanentVendorException("\"" + statusId + "\" is not a Zendesk ticket status (new, open,"
                    + " pending, hold, solved)");
        }
        return id;
    }

    /** @return Zendesk's priority: the same four levels (low, normal, high, urgent), so a one-to-one mapping */
    static String priority(TicketPriority priority) {
        return priority.name().toLowerCase(Locale.ROOT);
    }

    /** @return Zendesk's ticket type: question, task, problem, incident */
    static String type(TicketType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** @return the digits of a phone number */
    static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("\\D", "");
    }

    /**
     * Whether two phone numbers are the same: equal digits, or — when both have at least ten digits — equal last ten
     * digits, so that {@code +7 999 000-11-22}, {@code 8 999 0001122} and {@code 79990001122}, or
     * {@code +380 44 123 4567} and {@code 044 123 4567}, are one number. [inf] The "last ten digits" rule suits the
     * markets it was built for (Ukraine, Russia); it can join two numbers of different countries that end alike.
     */
    static boolean samePhone(String a, String b) {
        String x = digits(a);
        String y = digits(b);
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        if (x.equals(y)) {
            return true;
        }
        return x.length() >= 10 && y.length() >= 10
                && x.substring(x.length() - 10).equals(y.substring(y.length() - 10));
    }

    /**
     * @return a Zendesk id (a 64-bit integer) as a number
     * @throws PermanentVendorException naming the field when the id is not a number: no Zendesk entity can have it
     */
    static long id(String id, String field) {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new PermanentVendorException("\"" + id + "\" is not a Zendesk id (" + field + "): Zendesk ids are"
                    + " numbers");
        }
    }

    /** Puts a Zendesk id as a JSON number. */
    static void putId(ObjectNode node, String field, String id) {
        node.put(field, id(id, field));
    }

    /**
     * Ticket custom fields: {@code custom_fields: [{"id": <number>, "value": "…"}]} in id order. Values are sent
     * as the text given; dropdown fields take the option's tag, not its label, so that is what the tenant maps.
     */
    static void putTicketFields(ObjectNode ticket, Map<String, String> fields) {
        ArrayNode list = ticket.putArray("custom_fields");
        new TreeMap<>(fields).forEach((id, value) ->
                list.addObject().put("id", id(id, "custom field id")).put("value", value));
    }

    /**
     * User and organization fields: an object keyed by the field's {@code key} ({@code user_fields},
     * {@code organization_fields}), not by a numeric id; {@link ZendeskFields} offers the keys as ids.
     */
    static void putKeyedFields(ObjectNode node, String name, Map<String, String> fields) {
        ObjectNode object = node.putObject(name);
        new TreeMap<>(fields).forEach(object::put);
    }

    /**
     * @return the value as text, or {@code null} when missing, JSON null or blank; numbers and strings read the same
     *         (webhook placeholders render ids as strings)
     */
    static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || !node.isValueNode() || node.asText().isBlank()
                ? null : node.asText().trim();
    }

    /** @return an id, where "none" may be null, blank, {@code "null"} or 0 */
    static String idText(JsonNode node) {
        String text = text(node);
        return text == null || "null".equals(text) || "0".equals(text) ? null : text;
    }

    /** @return an ISO-8601 instant (Zendesk's dates), or {@code null} when missing or unreadable */
    static Instant instant(JsonNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
