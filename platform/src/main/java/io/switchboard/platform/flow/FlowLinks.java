package io.switchboard.platform.flow;

import java.util.Optional;

/**
 * What a flow created for what: source reference → target reference, per flow (e.g. call id → ticket id, phone →
 * client id). The pipeline's exactly-once effect rests on it: look up before creating, record right after.
 *
 * <p>Records of one event's run are written together, in one transaction, when the run ends — also when it fails,
 * so what was created before a failure is known to the retry. A crash before that loses them, and the retry runs the
 * event again from the start; so before a vendor call that creates something the vendor cannot find again by
 * itself, a flow records an <em>intent</em> with {@link #recordNow}, and right after creating such a thing its link
 * the same way: that link and everything recorded before it are written before the run's next vendor call, or when
 * the run ends, whichever comes first — so an intent is durable before the call it announces, and consecutive
 * {@code recordNow}s without a vendor call between them share one commit. (One commit per link cost an fsync each:
 * about ten per new call; see docs/performance.md.)
 */
public interface FlowLinks {

    /**
     * @param kind      what is linked, e.g. {@code "call-ticket"}, {@code "call-comment"}, {@code "client"}
     * @param sourceRef the source's reference, e.g. the call id
     * @return the target reference recorded for it (also earlier in this run), if any
     */
    Optional<String> find(String kind, String sourceRef);

    /** Records (or replaces) the target reference for the source reference; written when the run ends. */
    void record(String kind, String sourceRef, String targetRef);

    /**
     * Records it like {@link #record} and has it written durably, with everything recorded before, before this run
     * calls the vendor again or ends.
     */
    void recordNow(String kind, String sourceRef, String targetRef);
}
