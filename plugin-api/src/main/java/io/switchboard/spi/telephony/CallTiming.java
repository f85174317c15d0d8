package io.switchboard.spi.telephony;

import java.time.Duration;
import java.time.Instant;

/**
 * When things happened in a call. Any part may be {@code null} when the event does not carry it.
 *
 * @param startedAt  when the call began
 * @param answeredAt when it was answered
 * @param endedAt    when it ended
 * @param total      whole duration, ringing included
 * @param talk       conversation duration
 */
public record CallTiming(Instant startedAt, Instant answeredAt, Instant endedAt, Duration total, Duration talk) {

    /** @return timing of a call that has only started */
    public static CallTiming startedAt(Instant at) {
        return new CallTiming(at, null, null, null, null);
    }
}
