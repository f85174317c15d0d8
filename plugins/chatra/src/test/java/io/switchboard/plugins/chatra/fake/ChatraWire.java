package io.switchboard.plugins.chatra.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;

/**
 * How the Chatra fakes write a visitor (shared by {@link ChatraFake} and {@link ChatraWebhooks}), and Chatra-style
 * ids. Key names and their sources: {@link ChatraVisitor}.
 */
final class ChatraWire {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Chatra ids seen in public code are 17 characters of this alphabet (Meteor-style), e.g. {@code bnRzp4CioKudG4aHm}. */
    private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ChatraWire() {
    }

    /** @return a new 17-character Chatra-style id */
    static String newId() {
        StringBuilder id = new StringBuilder(17);
        for (int i = 0; i < 17; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /**
     * Writes the visitor.
     *
     * @param emptyFields true to write unknown values as {@code null} / {@code ""} / {@code []} instead of leaving the
     *                    keys out (both occur in real JSON; a consumer must take either)
     */
    static ObjectNode visitor(ChatraVisitor v, boolean emptyFields) {
        ObjectNode client = JSON.createObjectNode();
        client.put("id", v.id());
        client.put("chatId", v.chatId());
        client.put("displayedName", v.displayedName());
        put(client, "name", v.name(), emptyFields, false);
        put(client, "email", v.email(), emptyFields, true);
        put(client, "phone", v.phone(), emptyFields, true);
        put(client, "notes", v.notes(), emptyFields, true);
        ObjectNode basic = client.putObject("basicInfo");
        put(basic, "name", v.name(), emptyFields, false);
        put(basic, "email", v.email(), emptyFields, true);
        put(basic, "phone", v.phone(), emptyFields, true);
        put(basic, "notes", v.notes(), emptyFields, true);
        ObjectNode integration = client.putObject("integrationData");
        v.integrationData().forEach(integration::put);
        ObjectNode info = client.putObject("info");
        v.integrationData().forEach(info::put);
        if (v.name() != null) {
            info.put("name", v.name());
        }
        if (v.email() != null) {
            info.put("email", v.email());
        }
        if (v.phone() != null) {
            info.put("phone", v.phone());
        }
        client.put("chatLink", "https://app.chatra.io/chat/" + v.chatId());
        put(client, "city", v.city(), emptyFields, true);
        put(client, "country", v.country(), emptyFields, true);
        put(client, "ip", v.ip(), emptyFields, true);
        put(client, "browser", v.browser(), emptyFields, true);
        put(client, "os", v.os(), emptyFields, true);
        put(client, "device", v.device(), emptyFields, true);
        put(client, "referrer", v.referrer(), emptyFields, false);
        if (!v.pages().isEmpty() || emptyFields) {
            ArrayNode pages = client.putArray("pages");
            long time = 1_718_000_000_000L;
            for (String url : v.pages()) {
                ObjectNode page = pages.addObject();
                page.put("url", url);
                page.put("title", titleOf(url));
                page.put("time", time);
                time += 42_000;
            }
        }
        return client;
    }

    private static void put(ObjectNode node, String key, String value, boolean emptyFields, boolean nullWhenEmpty) {
        if (value != null) {
            node.put(key, value);
        } else if (emptyFields) {
            if (nullWhenEmpty) {
                node.putNull(key);
            } else {
                node.put(key, "");
            }
        }
    }

    private static String titleOf(String url) {
        String path = url.replaceFirst("^https?://[^/]+", "");
        return path.isEmpty() || "/".equals(path) ? "Home" : path.substring(path.lastIndexOf('/') + 1);
    }
}
