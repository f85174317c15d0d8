package io.switchboard.spi;

import java.util.Objects;

/**
 * A reference to something that lives at a vendor: what a connector created or found. The platform records it
 * (source ref to target ref) so that a retry finds the entity instead of creating it twice, and shows the link in
 * the activity log.
 *
 * @param type the kind of entity
 * @param id   the vendor's id, as a string
 * @param url  a link a person can open in the vendor's UI, or {@code null} when the vendor has none
 */
public record ExternalRef(EntityType type, String id, String url) {

    public ExternalRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    /** Kinds of vendor entities the platform links. */
    public enum EntityType {
        CLIENT, ORGANIZATION, TICKET, COMMENT, TASK, CONTACT, CONVERSATION, MESSAGE, CALL
    }
}
