package io.switchboard.spi.helpdesk;

import java.time.Instant;
import java.util.Objects;

/**
 * A comment as the helpdesk keeps it, read back with {@link HelpdeskConnector#listComments} (since SPI 1.3).
 *
 * @param id          the comment's id
 * @param body        text (plain; connectors strip vendor HTML)
 * @param internal    true for an internal note
 * @param author      who wrote it
 * @param authorName  the author's name when the helpdesk says, else {@code null}
 * @param authorEmail the author's e-mail when the helpdesk says, else {@code null}
 * @param createdAt   when it was written, or {@code null} when the helpdesk does not say
 */
public record TicketComment(String id, String body, boolean internal, AuthorKind author, String authorName,
                            String authorEmail, Instant createdAt) {

    public TicketComment {
        Objects.requireNonNull(id, "id");
        body = body == null ? "" : body;
    }
}
