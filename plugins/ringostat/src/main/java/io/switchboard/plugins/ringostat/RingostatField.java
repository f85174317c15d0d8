package io.switchboard.plugins.ringostat;

import io.switchboard.spi.config.Choice;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the connector reads from a Ringostat request, and the parameter names it looks under by default.
 *
 * <p>Ringostat lets the admin name every webhook parameter (README, "Vendor facts"), so no name is certain. The
 * defaults are the call-log catalogue names ({@code calls/list} fields) — what "Webhooks 2.0" offers — followed by
 * the names of classic webhooks seen in real traffic ({@code call_id}, {@code callee}/{@code destination},
 * {@code status}, {@code dialog}, {@code call_duration}, {@code record_link}). The first name present with a
 * non-blank value wins. A tenant adds names of their own in the settings ({@link RingostatSettings#PARAMETER_NAMES}).
 */
enum RingostatField {
    CALL_ID("Call id", "uniqueid", "cdr_id", "call_id", "callid"),
    CALL_TYPE("Call type (in / out / callback / transitin / transitout)", "call_type", "calltype", "direction"),
    INSERTION_TYPE("Insertion type (dynamic / static / callback)", "insertion_type", "Insertion Type",
            "insertiontype"),
    CALLER("Client number (caller)", "caller", "caller_number", "E164", "e164"),
    DESTINATION("Number dialled (tracking line, dst)", "dst", "destination", "callee"),
    DISPOSITION("Call status (disposition)", "disposition", "status", "call_status"),
    TALK_SECONDS("Talk time, seconds (billsec)", "billsec", "dialog", "talk_time"),
    TOTAL_SECONDS("Total duration, seconds", "duration", "call_duration"),
    WAIT_SECONDS("Waiting time, seconds", "waittime", "waiting", "wait_time"),
    CALL_DATE("Call date", "calldate", "call_date", "date"),
    RECORDING("Recording link", "recording", "record_link", "recording_link", "recording_wav"),
    HAS_RECORDING("Has recording flag", "has_recording"),
    EMPLOYEE_NUMBER("Employee (staff) id", "employee_number", "staff_id"),
    EMPLOYEE_NAME("Employee full name", "employee_fio", "employee_name", "employee"),
    EXTENSION("Employee extension / SIP login", "extension", "extension_number", "sip"),
    CONNECTED_WITH("Connected with (number or SIP that took the call)", "connected_with"),
    DEPARTMENT("Department", "department"),
    POOL_NAME("Number pool / scheme name", "pool_name", "scheme_name", "scheme", "pool"),
    UTM_SOURCE("utm_source", "utm_source"),
    UTM_MEDIUM("utm_medium", "utm_medium"),
    UTM_CAMPAIGN("utm_campaign", "utm_campaign"),
    UTM_TERM("utm_term", "utm_term"),
    UTM_CONTENT("utm_content", "utm_content"),
    LANDING("Landing page", "landing", "landing_page"),
    REFERRER("Referrer", "refferrer", "referrer"),
    GA_CLIENT_ID("Google Analytics client id", "client_id"),
    PROPER_FLAG("Target call flag", "proper_flag"),
    REPEATED_FLAG("Repeated call flag", "repeated_flag"),
    NUMBER_ALIAS("Number alias", "n_alias"),
    CALL_CARD("Call card link", "call_card"),
    /** Our static URL parameter naming the webhook's trigger moment; see {@link RingostatTrigger}. */
    EVENT("Trigger moment (static URL parameter)", "event", "trigger"),
    /** The current step of a forwarding scheme; sent with routing requests ({@code webhookNumber:120}). */
    STEP_FORWARD("Forwarding scheme step", "step_forward");

    private final String label;
    private final List<String> defaults;

    RingostatField(String label, String... defaults) {
        this.label = label;
        this.defaults = List.of(defaults);
    }

    /** @return the catalogue names, in the order they are tried */
    List<String> defaults() {
        return defaults;
    }

    /** @return the value stored in the settings' mapping table */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static List<Choice> choices() {
        return Arrays.stream(values()).filter(f -> f != EVENT && f != STEP_FORWARD)
                .map(f -> Choice.of(f.key(), f.label)).toList();
    }

    static Optional<RingostatField> of(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String k = key.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.name().equals(k)).findFirst();
    }
}
