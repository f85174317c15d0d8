package io.switchboard.spi.telephony;

/**
 * What the platform knows of a caller, shown in the softphone. Empty parts are {@code null}.
 *
 * @param clientName the client's name
 * @param clientUrl  link to the client in the helpdesk (Ringostat "Contact" button)
 * @param ticketUrl  link to the caller's open ticket (Ringostat "Lead" button)
 */
public record CallerCard(String clientName, String clientUrl, String ticketUrl) {

    /** @return a card for a caller the helpdesk does not know */
    public static CallerCard unknown() {
        return new CallerCard(null, null, null);
    }
}
