package io.switchboard.spi.helpdesk;

import java.util.List;
import java.util.Objects;

/**
 * A client (end user, contact) in the helpdesk.
 *
 * @param id             vendor id
 * @param name           display name
 * @param emails         e-mail addresses
 * @param phones         phone numbers as stored at the vendor
 * @param organizationId the client's organization, or {@code null}
 * @param url            link in the vendor's UI, or {@code null}
 */
public record Client(String id, String name, List<String> emails, List<String> phones, String organizationId,
                     String url) {

    public Client {
        Objects.requireNonNull(id, "id");
        emails = emails == null ? List.of() : List.copyOf(emails);
        phones = phones == null ? List.of() : List.copyOf(phones);
    }
}
