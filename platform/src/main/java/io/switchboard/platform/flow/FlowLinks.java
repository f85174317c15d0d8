package io.switchboard.platform.flow;

import java.util.Optional;

/**
 * What a flow created for what: source reference → target reference, per flow (e.g. call id → ticket id, phone →
 * client id). The pipeline's exactly-once effect rests on it: look up before creating, record right after.
 * Recorded links are durable at once (they survive a later failure of the same event).
 */
public interface FlowLinks {

    /**
     * @param kind      what is linked, e.g. {@code "call-ticket"}, {@code "call-comment"}, {@code "client"}
     * @param sourceRef the source's reference, e.g. the call id
     * @return the target reference recorded for it, if any
     */
    Optional<String> find(String kind, String sourceRef);

    /** Records (or replaces) the target reference for the source reference. */
    void record(String kind, String sourceRef, String targetRef);
}
