package io.switchboard.plugins.chatra.fake;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Chatra visitor (Chatra's API calls it a client) as the fakes render it: in webhooks ({@code client}) and in
 * {@code GET /clients/{id}}. Parts may be {@code null}; the {@code with…} methods return copies.
 *
 * <p>Which keys carry what is documented only for {@code id}, {@code chatId}, {@code displayedName} and {@code info}
 * (webhook consumers in public code) and for {@code basicInfo} / {@code integrationData} (the descriptions of the
 * {@code GET /clients/{id}} call, see {@link ChatraFake}); the visit keys ({@code city}, {@code country}, {@code ip},
 * {@code browser}, {@code os}, {@code device}, {@code referrer}, {@code utm}, {@code pages}, {@code chatLink}) are
 * [inf]: Chatra's dashboard shows that information, its key names are not published.
 *
 * @param id              the visitor id ({@code client.id}, or the {@code clientId} the site set)
 * @param chatId          the id of the visitor's chat
 * @param name            name, if introduced
 * @param email           e-mail, if introduced
 * @param phone           phone, if introduced
 * @param notes           agents' notes on the visitor card
 * @param city            city by IP
 * @param country         country by IP
 * @param ip              IP address
 * @param browser         browser and version, e.g. {@code Chrome 126}
 * @param os              operating system, e.g. {@code macOS 14.5}
 * @param device          {@code desktop}, {@code mobile} or {@code tablet}
 * @param referrer        where the visitor came from
 * @param pages           visited pages (URLs), oldest first
 * @param integrationData what the site passed with {@code setIntegrationData}
 */
public record ChatraVisitor(String id, String chatId, String name, String email, String phone, String notes,
                            String city, String country, String ip, String browser, String os, String device,
                            String referrer, List<String> pages, Map<String, String> integrationData) {

    public ChatraVisitor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chatId, "chatId");
        pages = pages == null ? List.of() : List.copyOf(pages);
        integrationData = integrationData == null ? Map.of() : Map.copyOf(integrationData);
    }

    /** A visitor who has not introduced themself, with a visit from Berlin on a Mac. */
    public static ChatraVisitor anonymous(String id, String chatId) {
        return new ChatraVisitor(id, chatId, null, null, null, null, "Berlin", "Germany", "203.0.113.7",
                "Chrome 126", "macOS 14.5", "desktop", "https://www.google.com/", List.of(
                        "https://shop.example.com/", "https://shop.example.com/delivery"), Map.of());
    }

    /** @return the name Chatra shows: the name when introduced, else a generated one like {@code Berlin #4102} */
    public String displayedName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        return (city == null ? "Visitor" : city) + " #" + Math.abs(id.hashCode() % 10000);
    }

    /** @return this visitor with a name, e-mail and phone (any may be null) */
    public ChatraVisitor introduced(String newName, String newEmail, String newPhone) {
        return new ChatraVisitor(id, chatId, newName, newEmail, newPhone, notes, city, country, ip, browser, os,
                device, referrer, pages, integrationData);
    }

    /** @return this visitor with other notes */
    public ChatraVisitor withNotes(String newNotes) {
        return new ChatraVisitor(id, chatId, name, email, phone, newNotes, city, country, ip, browser, os, device,
                referrer, pages, integrationData);
    }

    /** @return this visitor in another chat (the same person on a new chat) */
    public ChatraVisitor inChat(String newChatId) {
        return new ChatraVisitor(id, newChatId, name, email, phone, notes, city, country, ip, browser, os, device,
                referrer, pages, integrationData);
    }

    /** @return this visitor with another visit: location, IP, browser, OS, device, referrer and pages */
    public ChatraVisitor withVisit(String newCity, String newCountry, String newIp, String newBrowser, String newOs,
                                   String newDevice, String newReferrer, List<String> newPages) {
        return new ChatraVisitor(id, chatId, name, email, phone, notes, newCity, newCountry, newIp, newBrowser,
                newOs, newDevice, newReferrer, newPages, integrationData);
    }

    /** @return this visitor with what the site passed through {@code setIntegrationData} */
    public ChatraVisitor withIntegrationData(Map<String, String> data) {
        return new ChatraVisitor(id, chatId, name, email, phone, notes, city, country, ip, browser, os, device,
                referrer, pages, data);
    }
}
