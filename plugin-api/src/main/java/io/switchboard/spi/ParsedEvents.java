package io.switchboard.spi;

import java.util.List;

/**
 * Result of parsing one inbound request: the normalized events it carries, and plain-words notes about what was
 * skipped and why (an unknown event type, an empty field, a contradiction resolved in favour of a more reliable
 * field). The notes go to the tenant's activity log, so real vendor traffic's oddities are visible, not silent.
 *
 * @param events the events, in the order the vendor meant them
 * @param notes  what was ignored or decided, one sentence each; never secrets
 * @param <E>    the event type of the connector kind
 */
public record ParsedEvents<E>(List<E> events, List<String> notes) {

    public ParsedEvents {
        events = List.copyOf(events);
        notes = List.copyOf(notes);
    }

    public static <E> ParsedEvents<E> of(List<E> events) {
        return new ParsedEvents<>(events, List.of());
    }

    public static <E> ParsedEvents<E> skipped(String why) {
        return new ParsedEvents<>(List.of(), List.of(why));
    }
}
