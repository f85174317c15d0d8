package io.switchboard.spi.telephony;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One normalized call event.
 *
 * @param eventId      unique id of this event at the vendor (dedup); built from call id + phase when the vendor
 *                     has none
 * @param callId       the call's id; all events of one call share it (ordering, linking to a ticket)
 * @param phase        which moment this reports
 * @param direction    incoming / outgoing / internal
 * @param status       how it went (IN_PROGRESS until it ends)
 * @param vendorStatus the vendor's own status value, for the activity log
 * @param clientNumber the external party's number as the vendor sent it (the platform formats it)
 * @param lineNumber   the company's number that was dialled or used, if known
 * @param timing       timestamps and durations
 * @param rang         employees the call rang to, in order
 * @param answeredBy   the employee who answered, or {@code null}
 * @param scheme       name of the PBX scheme / tree / number pool that handled the call, or {@code null}
 * @param recordingUrl link to the recording, or {@code null}
 * @param attributes   extra data for custom-field mapping; keys from {@link CallAttributes} where they apply,
 *                     vendor-specific keys otherwise
 */
public record CallEvent(String eventId, String callId, CallPhase phase, CallDirection direction, CallStatus status,
                        String vendorStatus, String clientNumber, String lineNumber, CallTiming timing,
                        List<Employee> rang, Employee answeredBy, String scheme, String recordingUrl,
                        Map<String, String> attributes) {

    public CallEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(phase, "phase");
        direction = direction == null ? CallDirection.UNKNOWN : direction;
        status = status == null ? CallStatus.UNKNOWN : status;
        timing = timing == null ? new CallTiming(null, null, null, null, null) : timing;
        rang = rang == null ? List.of() : List.copyOf(rang);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
