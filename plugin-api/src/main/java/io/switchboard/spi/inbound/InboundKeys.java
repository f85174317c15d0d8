package io.switchboard.spi.inbound;

/**
 * Keys of an inbound request, extracted before it is stored.
 *
 * @param dedupKey    the vendor's id of this event (a repeated delivery with the same key is acknowledged and
 *                    ignored), or {@code null} when the vendor gives none
 * @param orderingKey the id of the call / conversation / ticket the event belongs to (events with the same key are
 *                    processed one at a time in arrival order), or {@code null}
 */
public record InboundKeys(String dedupKey, String orderingKey) {

    public static InboundKeys none() {
        return new InboundKeys(null, null);
    }

    public static InboundKeys of(String dedupKey, String orderingKey) {
        return new InboundKeys(blankToNull(dedupKey), blankToNull(orderingKey));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
