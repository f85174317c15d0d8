package io.switchboard.spi.helpdesk;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A ticket (task) to create.
 *
 * @param subject        subject / title
 * @param body           first message (plain text; connectors escape it where the vendor expects HTML)
 * @param bodyInternal   true when the first message must be visible to agents only
 * @param clientId       requester / counterparty, or {@code null} (e.g. the flow creates no client)
 * @param organizationId organization, or {@code null}
 * @param type           ticket type, or {@code null} for the vendor's default
 * @param priority       priority, or {@code null} for the vendor's default
 * @param statusId       the vendor's status id to create with, or {@code null} for "new"
 * @param tags           tags
 * @param assigneeId     responsible agent, or {@code null}
 * @param participantIds further agents to add (task systems)
 * @param templateId     vendor template to create from, or {@code null} ({@link io.switchboard.spi.Capability#TASK_TEMPLATES})
 * @param customFields   custom field id → value
 * @param externalId     the platform's idempotency key; store it where the vendor allows
 */
public record TicketDraft(String subject, String body, boolean bodyInternal, String clientId, String organizationId,
                          TicketType type, TicketPriority priority, String statusId, List<String> tags,
                          String assigneeId, List<String> participantIds, String templateId,
                          Map<String, String> customFields, String externalId) {

    public TicketDraft {
        Objects.requireNonNull(subject, "subject");
        body = body == null ? "" : body;
        tags = tags == null ? List.of() : List.copyOf(tags);
        participantIds = participantIds == null ? List.of() : List.copyOf(participantIds);
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }
}
