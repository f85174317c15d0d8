package io.switchboard.platform.flow.calltoticket;

import io.switchboard.spi.telephony.CallDirection;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.CallStatus;
import io.switchboard.spi.telephony.Employee;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one call event says, in the words tenants see: the template variables (listed in
 * {@link CallToTicketOptions#VARIABLES}), the values of mapped custom fields, the first message of a new
 * ticket and the call-details comment. One instance per event; values are computed on first use, so an event
 * that needs no names does not make the helpdesk list its agents.
 */
final class CallFacts {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss",
            Locale.ROOT);

    private final CallEvent event;
    private final CallToTicketOptions options;
    private final PhoneNumbers.Phone phone;
    private final AgentDirectory agents;
    private final Employee firstRung;
    private final Clock clock;
    private String line;
    private Map<String, String> variables;

    /**
     * @param firstRung the first employee the call rang to, remembered from its first event, or {@code null}
     */
    CallFacts(CallEvent event, CallToTicketOptions options, PhoneNumbers.Phone phone, AgentDirectory agents,
              Employee firstRung, Clock clock) {
        this.event = event;
        this.options = options;
        this.phone = phone;
        this.agents = agents;
        this.firstRung = firstRung;
        this.clock = clock;
    }

    CallEvent event() {
        return event;
    }

    PhoneNumbers.Phone phone() {
        return phone;
    }

    /**
     * The employee this event is about: who answered; else, for an outgoing call, who called, and for an incoming
     * one whose phone rang (for a finished unanswered call: the last phone that rang, as the PBX reports it).
     */
    Employee employee() {
        if (event.answeredBy() != null) {
            return event.answeredBy();
        }
        return event.rang().isEmpty() ? null : event.rang().get(0);
    }

    /** @return the template variables; see {@link CallToTicketOptions#VARIABLES} */
    Map<String, String> variables() {
        if (variables == null) {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("phone", phone.formatted());
            v.put("direction", direction());
            v.put("status", status(event.status()));
            v.put("scheme", orEmpty(event.scheme()));
            Employee employee = employee();
            v.put("employee", agents.nameForTemplates(employee));
            v.put("extension", employee == null ? "" : orEmpty(employee.extension()));
            v.put("line", line());
            ZonedDateTime start = start().atZone(options.zone());
            v.put("date", DATE.format(start));
            v.put("time", TIME.format(start));
            v.put("duration", duration(event.timing().total()));
            v.put("talk_duration", duration(event.timing().talk()));
            v.put("recording", orEmpty(event.recordingUrl()));
            v.put("call_id", event.callId());
            variables = Map.copyOf(v);
        }
        return variables;
    }

    /**
     * @return the value of a mapped custom field's source: a template variable, else a call attribute of the
     *         telephony connector ({@code utm_source}, {@code scheme_name}, …); {@code ""} when unknown or empty
     */
    String attribute(String name) {
        String variable = variables().get(name);
        if (variable != null && !variable.isEmpty()) {
            return variable;
        }
        return orEmpty(event.attributes().get(name));
    }

    /** The first message of a ticket created for this call: what is known when it is created. */
    String firstMessage() {
        StringBuilder text = new StringBuilder();
        text.append(capitalize(direction())).append(" call ")
                .append(switch (event.direction()) {
                    case OUTGOING -> "to ";
                    case INCOMING -> "from ";
                    default -> "with ";
                })
                .append(phone.formatted());
        String line = line();
        if (!line.isEmpty()) {
            text.append(" on line ").append(line);
        }
        text.append(", started ").append(DATE_TIME.format(start().atZone(options.zone()))).append('.');
        if (event.scheme() != null) {
            text.append("\nScheme: ").append(event.scheme());
        }
        if (options.callComment()) {
            text.append("\nCall details are added when the call ends.");
        }
        return text.toString();
    }

    /** The call-details comment, written when the call has ended. */
    String details() {
        List<String> lines = new ArrayList<>();
        String outcome = status(event.status());
        String raw = event.vendorStatus() == null ? "" : " (" + event.vendorStatus() + ")";
        lines.add(capitalize(direction()) + " call, " + (outcome.isEmpty() ? "status unknown" : outcome) + raw);
        lines.add("Client: " + phone.formatted());
        String line = line();
        if (!line.isEmpty()) {
            lines.add("Line: " + line);
        }
        lines.add("Date: " + DATE_TIME.format(start().atZone(options.zone())) + " (" + options.zone().getId() + ")");
        String total = duration(event.timing().total());
        String talk = duration(event.timing().talk());
        if (!total.isEmpty() || !talk.isEmpty()) {
            lines.add("Duration: " + (total.isEmpty() ? "unknown" : total)
                    + (talk.isEmpty() ? "" : ", talk " + talk));
        }
        if (event.answeredBy() != null) {
            lines.add("Answered by: " + agents.describe(event.answeredBy()));
        } else if (event.direction() == CallDirection.INCOMING) {
            Employee rang = firstRung != null ? firstRung : employee();
            if (rang != null) {
                lines.add((firstRung != null ? "Rang first: " : "Rang: ") + agents.describe(rang));
            }
        } else if (employee() != null) {
            lines.add("Employee: " + agents.describe(employee()));
        }
        if (event.scheme() != null) {
            lines.add("Scheme: " + event.scheme());
        }
        if (event.recordingUrl() != null) {
            lines.add("Recording: " + event.recordingUrl());
        }
        lines.add("Call id: " + event.callId());
        return String.join("\n", lines);
    }

    private String direction() {
        return switch (event.direction()) {
            case INCOMING -> "incoming";
            case OUTGOING -> "outgoing";
            case INTERNAL -> "internal";
            case UNKNOWN -> "unknown";
        };
    }

    /** The words of {@code status}; empty while the call goes on. */
    static String status(CallStatus status) {
        return switch (status) {
            case IN_PROGRESS -> "";
            case ANSWERED -> "answered";
            case MISSED -> "missed";
            case BUSY -> "busy";
            case NO_ANSWER -> "no answer";
            case CANCELLED -> "cancelled";
            case FAILED -> "failed";
            case UNKNOWN -> "unknown";
        };
    }

    /** The line as written; read once (templates, details and the first message all show it). */
    private String line() {
        if (line == null) {
            line = readLine();
        }
        return line;
    }

    private String readLine() {
        if (event.lineNumber() == null || PhoneNumbers.digits(event.lineNumber()).isEmpty()) {
            return "";
        }
        PhoneNumbers.Phone read = PhoneNumbers.read(event.lineNumber(), options.phoneRegion(), options.phoneFormat());
        return read.parsed() ? read.formatted() : event.lineNumber().strip();
    }

    /** When the call started; else the earliest moment the event knows; else now. */
    private Instant start() {
        if (event.timing().startedAt() != null) {
            return event.timing().startedAt();
        }
        if (event.timing().answeredAt() != null) {
            return event.timing().answeredAt();
        }
        return event.timing().endedAt() != null ? event.timing().endedAt() : clock.instant();
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on; {@code ""} when unknown. */
    static String duration(Duration duration) {
        if (duration == null || duration.isNegative()) {
            return "";
        }
        long seconds = duration.getSeconds();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, rest)
                : String.format(Locale.ROOT, "%d:%02d", minutes, rest);
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
