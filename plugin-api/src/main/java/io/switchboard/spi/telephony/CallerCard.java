package io.switchboard.spi.telephony;

/**
 * What the platform knows of a caller, shown in the softphone: answered when the PBX asks
 * ({@link TelephonyConnector#answerCallerCard}) or pushed to it ({@link TelephonyConnector#pushCallerCard}). Empty
 * parts are {@code null}.
 *
 * @param clientName   the client's name
 * @param clientUrl    link to the client in the helpdesk (Ringostat "Contact" button)
 * @param ticketUrl    link to the caller's open ticket (Ringostat "Lead" button)
 * @param callerNumber the caller's number as the PBX sent it; set on pushes, so the PBX can match the card to its
 *                     calls (since 1.2)
 * @param clientId     the client's id in the helpdesk; set on pushes, so the PBX can update the card it got
 *                     earlier instead of adding another (since 1.2)
 */
public record CallerCard(String clientName, String clientUrl, String ticketUrl, String callerNumber,
                         String clientId) {

    /** A card as answered to a question: without the number and the client id. */
    public CallerCard(String clientName, String clientUrl, String ticketUrl) {
        this(clientName, clientUrl, ticketUrl, null, null);
    }

    /** @return a card for a caller the helpdesk does not know */
    public static CallerCard unknown() {
        return new CallerCard(null, null, null);
    }
}
