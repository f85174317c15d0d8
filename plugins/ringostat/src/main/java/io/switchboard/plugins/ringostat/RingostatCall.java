package io.switchboard.plugins.ringostat;

import io.switchboard.spi.inbound.FormEncoding;
import io.switchboard.spi.telephony.CallAttributes;
import io.switchboard.spi.telephony.CallDirection;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.CallPhase;
import io.switchboard.spi.telephony.CallStatus;
import io.switchboard.spi.telephony.CallTiming;
import io.switchboard.spi.telephony.Employee;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One Ringostat call webhook, read once through the tenant's parameter names, and turned into a {@link CallEvent}.
 * See {@link RingostatCalls} for the rules. Lives for one {@code parse} call: {@code notes} is that call's list.
 */
final class RingostatCall {

    /** Extra parameters passed through as attributes, at most. */
    static final int MAX_EXTRA_ATTRIBUTES = 40;
    private static final int MAX_ATTRIBUTE_VALUE = 1000;
    private static final int MAX_ATTRIBUTE_KEY = 64;
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[0-9 ()\\-.]{5,}");
    private static final Set<String> NO_NUMBER = Set.of("anonymous", "unknown", "unavailable", "private", "null",
            "none", "-", "0");

    private final RingostatParams p;
    private final RingostatSettings settings;
    private final List<String> notes;
    private final Set<String> consumed = new HashSet<>();

    RingostatCall(RingostatParams p, RingostatSettings settings, List<String> notes) {
        this.p = p;
        this.settings = settings;
        this.notes = notes;
    }

    /** @return the value of the field under the tenant's or the catalogue's names; remembers the name as used */
    Optional<String> get(RingostatField field) {
        List<String> names = settings.namesOf(field);
        p.nameOfFirst(names).ifPresent(n -> consumed.add(n.toLowerCase(Locale.ROOT)));
        return p.first(names);
    }

    String orNull(RingostatField field) {
        return get(field).orElse(null);
    }

    /** Builds the event of the given moment. */
    CallEvent event(String eventId, String callId, CallPhase phase, CallDirection direction) {
        String rawStatus = orNull(RingostatField.DISPOSITION);
        Instant start = get(RingostatField.CALL_DATE)
                .flatMap(v -> RingostatTime.date("The call date", v, settings.zone(), notes)).orElse(null);
        Duration total = seconds(RingostatField.TOTAL_SECONDS, "The total duration");
        Duration talk = seconds(RingostatField.TALK_SECONDS, "The talk time (billsec)");
        Duration wait = seconds(RingostatField.WAIT_SECONDS, "The waiting time");
        Optional<Employee> employee = employee();

        CallStatus status = CallStatus.IN_PROGRESS;
        boolean answered = false;
        CallTiming timing;
        if (phase == CallPhase.ENDED) {
            answered = answered(rawStatus, talk);
            status = answered ? CallStatus.ANSWERED
                    : rawStatus == null && talk == null ? CallStatus.UNKNOWN
                    : direction == CallDirection.INCOMING ? CallStatus.MISSED
                    : RingostatDisposition.unanswered(rawStatus);
            if (status == CallStatus.UNKNOWN) {
                notes.add("The end-of-call request has neither a status (disposition) nor a talk time; the outcome "
                        + "is unknown.");
            }
            timing = endTiming(start, total, talk, wait, answered);
        } else if (phase == CallPhase.ANSWERED) {
            timing = new CallTiming(start, start != null && wait != null ? start.plus(wait) : null, null, null,
                    null);
        } else {
            timing = CallTiming.startedAt(start);
        }

        List<Employee> rang = employee.map(List::of).orElse(List.of());
        Employee by = switch (phase) {
            case ANSWERED -> employee.orElse(null);
            case ENDED -> answered ? employee.orElse(null) : null;
            default -> null;
        };
        String[] numbers = numbers(direction);
        String scheme = orNull(RingostatField.POOL_NAME);
        String recording = recording();
        return new CallEvent(eventId, callId, phase, direction, phase == CallPhase.ENDED ? status
                : CallStatus.IN_PROGRESS, rawStatus, numbers[0], numbers[1], timing, rang, by, scheme, recording,
                attributes(scheme, wait));
    }

    /**
     * The disposition decides, being Ringostat's own verdict and the basis of its missed-call rule; the talk time
     * decides only when the disposition is missing or unknown. A contradiction is noted, not "corrected".
     */
    private boolean answered(String rawStatus, Duration talk) {
        Optional<Boolean> byStatus = RingostatDisposition.answered(rawStatus);
        boolean talked = talk != null && !talk.isZero();
        if (byStatus.isPresent()) {
            if (byStatus.get() && talk != null && talk.isZero()) {
                notes.add("Ringostat reports the call as " + RingostatCalls.clip(rawStatus) + " with zero talk time "
                        + "(billsec 0); the status decides: answered.");
            } else if (!byStatus.get() && talked) {
                notes.add("billsec is " + talk.toSeconds() + " s although the status is "
                        + RingostatCalls.clip(rawStatus) + " (e.g. a voicemail or an IVR); the status decides: "
                        + "not answered.");
            }
            return byStatus.get();
        }
        if (rawStatus != null) {
            notes.add("The status '" + RingostatCalls.clip(rawStatus) + "' is unknown; the talk time says the call "
                    + "was " + (talked ? "" : "not ") + "answered.");
        } else if (talk != null) {
            notes.add("The request has no status (disposition); the talk time says the call was "
                    + (talked ? "" : "not ") + "answered.");
        }
        return talked;
    }

    private CallTiming endTiming(Instant start, Duration total, Duration talk, Duration wait, boolean answered) {
        if (total != null && talk != null && talk.compareTo(total) > 0) {
            notes.add("The talk time (" + talk.toSeconds() + " s) is longer than the total duration ("
                    + total.toSeconds() + " s); the total is left empty.");
            total = null;
        }
        Instant end = null;
        if (start != null && total != null) {
            end = start.plus(total);
        } else if (start != null && talk != null && wait != null) {
            end = start.plus(wait).plus(talk);
        }
        Instant answeredAt = null;
        if (answered) {
            if (end != null && talk != null) {
                answeredAt = end.minus(talk);
            } else if (start != null && wait != null) {
                answeredAt = start.plus(wait);
            }
        }
        Duration conversation = answered ? talk : Duration.ZERO;
        return new CallTiming(start, answeredAt, end, total, conversation);
    }

    private Duration seconds(RingostatField field, String what) {
        return get(field).flatMap(v -> RingostatTime.seconds(what, v, notes)).orElse(null);
    }

    /**
     * The employee: extension (or SIP login) from {@code extension} / {@code extension_number}, else the staff id
     * {@code employee_number}; the full name from {@code employee_fio}. Ringostat sends no e-mail.
     */
    private Optional<Employee> employee() {
        String extension = orNull(RingostatField.EXTENSION);
        String staffId = orNull(RingostatField.EMPLOYEE_NUMBER);
        String name = orNull(RingostatField.EMPLOYEE_NAME);
        String ext = extension != null ? extension : staffId;
        if (ext == null && name == null) {
            return Optional.empty();
        }
        return Optional.of(new Employee(ext, name, null));
    }

    /**
     * @return {client number, line number}. {@code caller} is the client and {@code dst} the tracking line
     *         (README, "Vendor facts"). [inf] For an outgoing call whose {@code caller} is not a phone number
     *         (a SIP login) while {@code dst} is, the two are swapped.
     */
    private String[] numbers(CallDirection direction) {
        String caller = number(RingostatField.CALLER, "caller");
        String dst = number(RingostatField.DESTINATION, "dst");
        if (direction == CallDirection.OUTGOING && caller != null && dst != null && !phoneLike(caller)
                && phoneLike(dst)) {
            notes.add("On this outgoing call 'caller' is not a phone number but 'dst' is; dst is taken as the "
                    + "client's number.");
            return new String[] {dst, null};
        }
        return new String[] {caller, dst};
    }

    String number(RingostatField field, String what) {
        Optional<String> raw = get(field);
        if (raw.isEmpty()) {
            return null;
        }
        String value = raw.get();
        if (value.regionMatches(true, 0, "sip:", 0, 4)) {
            value = value.substring(4);
            int at = value.indexOf('@');
            value = at > 0 ? value.substring(0, at) : value;
        }
        if (value.endsWith(".0") && value.substring(0, value.length() - 2).chars().allMatch(Character::isDigit)) {
            value = value.substring(0, value.length() - 2);
        }
        if (NO_NUMBER.contains(value.toLowerCase(Locale.ROOT))) {
            notes.add("The " + what + " number is hidden ('" + RingostatCalls.clip(value) + "'); left empty.");
            return null;
        }
        return value;
    }

    static boolean phoneLike(String value) {
        return PHONE_LIKE.matcher(value).matches() && value.replaceAll("\\D", "").length() >= 5;
    }

    private String recording() {
        Optional<String> link = get(RingostatField.RECORDING);
        if (link.isEmpty()) {
            return null;
        }
        String url = link.get();
        if (url.regionMatches(true, 0, "http%3A", 0, 7) || url.regionMatches(true, 0, "https%3A", 0, 8)) {
            url = FormEncoding.decode(url); // a broken escape keeps the text, which the check below refuses
            notes.add("The recording link arrived URL-encoded; it was decoded.");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
            notes.add("The recording link is not an http(s) address and was ignored.");
            return null;
        }
        return url;
    }

    /**
     * UTM tags and the pool / scheme name under the standard keys ({@link CallAttributes}); Ringostat's own data
     * as {@code ringostat_*}; every other parameter the admin added (custom tracking entities, static URL values)
     * under its own name, so a flow can map it to a custom field.
     */
    private Map<String, String> attributes(String scheme, Duration wait) {
        Map<String, String> a = new LinkedHashMap<>();
        put(a, CallAttributes.UTM_SOURCE, RingostatField.UTM_SOURCE);
        put(a, CallAttributes.UTM_MEDIUM, RingostatField.UTM_MEDIUM);
        put(a, CallAttributes.UTM_CAMPAIGN, RingostatField.UTM_CAMPAIGN);
        put(a, CallAttributes.UTM_TERM, RingostatField.UTM_TERM);
        put(a, CallAttributes.UTM_CONTENT, RingostatField.UTM_CONTENT);
        if (scheme != null) {
            a.put(CallAttributes.SCHEME_NAME, scheme);
        }
        Optional<String> landing = get(RingostatField.LANDING);
        Optional<String> referrer = get(RingostatField.REFERRER);
        landing.or(() -> referrer).ifPresent(v -> a.put(CallAttributes.LANDING_PAGE, v));
        referrer.ifPresent(v -> a.put("ringostat_referrer", v));
        if (wait != null) {
            a.put("ringostat_wait_seconds", Long.toString(wait.toSeconds()));
        }
        for (RingostatField f : List.of(RingostatField.CALL_TYPE, RingostatField.INSERTION_TYPE,
                RingostatField.EMPLOYEE_NUMBER, RingostatField.CONNECTED_WITH, RingostatField.DEPARTMENT,
                RingostatField.GA_CLIENT_ID, RingostatField.PROPER_FLAG, RingostatField.REPEATED_FLAG,
                RingostatField.NUMBER_ALIAS, RingostatField.CALL_CARD, RingostatField.HAS_RECORDING)) {
            put(a, "ringostat_" + f.key(), f);
        }
        // Every name of every field counts as read, so only the admin's own parameters are passed through.
        for (RingostatField f : RingostatField.values()) {
            for (String name : settings.namesOf(f)) {
                consumed.add(name.toLowerCase(Locale.ROOT));
            }
        }
        int extra = 0;
        int dropped = 0;
        for (Map.Entry<String, String> e : p.values().entrySet()) {
            String key = e.getKey();
            if (e.getValue().isEmpty() || consumed.contains(key.toLowerCase(Locale.ROOT))
                    || RingostatParams.reserved(key) || a.containsKey(key)) {
                continue;
            }
            if (extra >= MAX_EXTRA_ATTRIBUTES || key.length() > MAX_ATTRIBUTE_KEY) {
                dropped++;
                continue;
            }
            String value = e.getValue();
            a.put(key, value.length() > MAX_ATTRIBUTE_VALUE ? value.substring(0, MAX_ATTRIBUTE_VALUE) : value);
            extra++;
        }
        if (dropped > 0) {
            notes.add(dropped + " extra parameter" + (dropped == 1 ? " was" : "s were") + " not kept (at most "
                    + MAX_EXTRA_ATTRIBUTES + " extra parameters with names up to " + MAX_ATTRIBUTE_KEY
                    + " characters).");
        }
        return a;
    }

    private void put(Map<String, String> attributes, String key, RingostatField field) {
        get(field).ifPresent(v -> attributes.put(key, v));
    }
}
