package io.switchboard.platform.pipeline;

import io.switchboard.platform.flow.RecordedActivity;
import java.time.Instant;
import java.util.List;

/**
 * One event in the tenant's activity log.
 *
 * @param id            event id
 * @param receivedAt    when it arrived
 * @param connectionId  the receiving connection's public id
 * @param connection    its name
 * @param orderingKey   the call / conversation / ticket it belongs to
 * @param state         RECEIVED, PROCESSING, RETRYING, DONE or DEAD
 * @param attempts      attempts so far
 * @param nextAttemptAt for RETRYING: when the next attempt is due
 * @param summary       one line: what it did
 * @param error         for RETRYING and DEAD: why, in plain words
 * @param created       what it created at vendors, with links
 * @param notes         what it skipped or decided
 * @param finishedAt    when it became DONE or DEAD
 */
public record ActivityEntry(long id, Instant receivedAt, String connectionId, String connection, String orderingKey,
                            String state, int attempts, Instant nextAttemptAt, String summary, String error,
                            List<RecordedActivity.Created> created, List<String> notes, Instant finishedAt) {
}
