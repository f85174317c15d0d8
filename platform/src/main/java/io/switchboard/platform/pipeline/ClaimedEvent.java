package io.switchboard.platform.pipeline;

import java.time.Instant;

/**
 * A stored inbound event reserved for processing by this instance.
 *
 * @param id           inbox id
 * @param tenantId     owner
 * @param connectionId source connection row id
 * @param method       HTTP method it came with
 * @param queryString  raw query string, or {@code null}
 * @param headersJson  stored headers as JSON (lower-case names to value lists)
 * @param body         raw body
 * @param receivedAt   when it arrived
 * @param attempt      this attempt's number, from 1
 * @param lockedBy     this instance's claim token
 */
public record ClaimedEvent(long id, long tenantId, long connectionId, String method, String queryString,
                           String headersJson, byte[] body, Instant receivedAt, int attempt, String lockedBy) {

    @Override
    public String toString() {
        return "ClaimedEvent[" + id + ", attempt " + attempt + "]";
    }
}
