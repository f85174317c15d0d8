package io.switchboard.platform.pipeline;

import io.switchboard.platform.flow.RecordedActivity;
import java.time.Duration;

/**
 * How processing an event ended.
 *
 * @param kind       done, retry later, or dead
 * @param error      plain words for the tenant when not done, else {@code null}
 * @param retryAfter the vendor's requested pause for a retry, or {@code null}
 * @param activity   what the attempt did
 */
public record Outcome(Kind kind, String error, Duration retryAfter, RecordedActivity activity) {

    /** How an attempt ended. */
    public enum Kind { DONE, RETRY, DEAD }

    public static Outcome done(RecordedActivity activity) {
        return new Outcome(Kind.DONE, null, null, activity);
    }

    public static Outcome retry(String error, Duration retryAfter, RecordedActivity activity) {
        return new Outcome(Kind.RETRY, error, retryAfter, activity);
    }

    public static Outcome dead(String error, RecordedActivity activity) {
        return new Outcome(Kind.DEAD, error, null, activity);
    }
}
