package io.switchboard.spi.channel;

import java.util.Map;

/**
 * The person on the client side of a conversation, as the channel knows them. Parts may be {@code null}.
 *
 * @param id         the channel's id of the contact (lead, visitor, client)
 * @param name       name, if introduced
 * @param email      e-mail, if known (a ticket made by a chat command requires it)
 * @param phone      phone, if known
 * @param url        link to the contact card in the channel's UI
 * @param attributes further properties the channel reports
 */
public record Contact(String id, String name, String email, String phone, String url,
                      Map<String, String> attributes) {

    public Contact {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
