package io.switchboard.plugins.deskie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.helpdesk.Client;
import io.switchboard.spi.helpdesk.ClientDraft;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deskie users (the platform's clients; README "Vendor facts", page "Users"): {@code GET /api/users.json} with
 * {@code user_email} / {@code user_phone} filters, {@code POST /api/users.json}, {@code GET|PUT
 * /api/users/{id}.json}. A Deskie user holds <b>one</b> identity ({@code type} email, phone, custom channel…);
 * further identities are separate users linked together, so a client is created with its first e-mail, else its
 * first phone, else the draft's external id as {@code user_custom_id}.
 */
final class DeskieUsers {

    private final DeskieApi api;

    DeskieUsers(DeskieApi api) {
        this.api = api;
    }

    /**
     * {@code user_email=^address^} (exact match, "Introduction"); the answer is checked again ignoring case, since a
     * substring match would also find {@code xivan@…}. Of several, an active one, then the highest id.
     */
    Optional<Client> findByEmail(String email) {
        String wanted = email.strip();
        List<JsonNode> users = api.list("users.json", "user_email=" + DeskieText.query(DeskieText.exact(wanted)),
                "user", 1, "find a Deskie user by e-mail");
        return best(users.stream().filter(u -> wanted.equalsIgnoreCase(DeskieText.text(u.path("user_email"))))
                .toList());
    }

    /**
     * {@code user_phone=<last ten digits>} (a substring search, "Introduction"), accepting a user whose phone has the
     * same last ten digits; when that finds nobody and the number was typed with separators, once more with the
     * number as typed (a phone stored as {@code +7 999 000-11-22} may not contain the bare digits [inf]).
     */
    Optional<Client> findByPhone(String phone) {
        String key = DeskieText.phoneKey(phone);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Optional<Client> found = byPhone(key, key);
        String typed = phone.strip();
        if (found.isEmpty() && !typed.equals(key) && !typed.equals(DeskieText.digits(typed))) {
            found = byPhone(typed, key);
        }
        return found;
    }

    private Optional<Client> byPhone(String search, String key) {
        List<JsonNode> users = api.list("users.json", "user_phone=" + DeskieText.query(search), "user", 2,
                "find a Deskie user by phone");
        return best(users.stream().filter(u -> key.equals(DeskieText.phoneKey(DeskieText.text(u.path("user_phone")))))
                .toList());
    }

    private static Optional<Client> best(List<JsonNode> users) {
        return users.stream().max(Comparator.<JsonNode, Boolean>comparing(u -> !DeskieText.flag(u.path("deleted"))
                        && u.path("active").asBoolean(true))
                .thenComparing(u -> u.path("user_id").asLong())).map(DeskieUsers::client);
    }

    /**
     * {@code POST /api/users.json}. When Deskie refuses because the identity exists already (the answer to a
     * duplicate is not documented [inf]) and the draft has an e-mail, the existing user with it is returned.
     */
    Client create(ClientDraft draft) {
        ObjectNode user = DeskieText.JSON.createObjectNode();
        String email = draft.emails().isEmpty() ? null : draft.emails().get(0).strip();
        String phone = draft.phones().isEmpty() ? null : draft.phones().get(0).strip();
        String channel = api.settings().customChannel();
        if (channel != null && draft.externalId() != null) {
            // A live-chat visitor (README, "Live chats through a custom channel"): one identity per Deskie user, and
            // for a chat it is the site's id in the channel, so Deskie answers in the channel, not by e-mail.
            user.put("user_custom_id", draft.externalId()).put("user_custom_channel", channel);
            email = null;
        } else if (email != null) {
            user.put("user_email", email);
        } else if (phone != null) {
            user.put("user_phone", phone);
        } else if (draft.externalId() != null) {
            user.put("user_custom_id", draft.externalId());
        } else {
            throw new PermanentVendorException("Could not create a Deskie user: Deskie needs an e-mail, a phone or a"
                    + " custom id for every user");
        }
        if (draft.name() != null && !draft.name().isBlank()) {
            user.put("user_full_name", draft.name().strip());
        }
        putCustomFields(user, draft.customFields());
        if (email != null && (phone != null || draft.emails().size() > 1)) {
            api.context().log().log(System.Logger.Level.DEBUG, "A Deskie user holds one identity: only the first"
                    + " e-mail was written");
        }
        ObjectNode body = DeskieText.JSON.createObjectNode();
        body.set("user", user);
        try {
            return client(DeskieApi.one(api.post("users.json", body, "create a Deskie user"), "user",
                    "create a Deskie user"));
        } catch (PermanentVendorException refused) {
            if (email != null) {
                Optional<Client> existing = findByEmail(email);
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            throw refused;
        }
    }

    /** {@code PUT /api/users/{id}.json} with the set parts; no call when none is. */
    void update(String userId, ClientDraft changes) {
        ObjectNode user = DeskieText.JSON.createObjectNode();
        if (changes.name() != null && !changes.name().isBlank()) {
            user.put("user_full_name", changes.name().strip());
        }
        if (!changes.emails().isEmpty()) {
            user.put("user_email", changes.emails().get(0).strip());
        }
        if (!changes.phones().isEmpty()) {
            user.put("user_phone", changes.phones().get(0).strip());
        }
        putCustomFields(user, changes.customFields());
        if (user.isEmpty()) {
            return;
        }
        ObjectNode body = DeskieText.JSON.createObjectNode();
        body.set("user", user);
        api.put("users/" + bare(userId) + ".json", body, "update Deskie user " + userId);
    }

    /** {@code GET /api/users/{id}.json}: the user's fields (for the identity a case is created with). */
    JsonNode read(String userId) {
        return DeskieApi.one(api.get("users/" + bare(userId) + ".json", "read Deskie user " + userId), "user",
                "read Deskie user " + userId);
    }

    static void putCustomFields(ObjectNode target, Map<String, String> fields) {
        if (fields.isEmpty()) {
            return;
        }
        ObjectNode custom = target.putObject("custom_fields");
        fields.forEach((k, v) -> custom.put(DeskieText.customFieldKey(k), v));
    }

    static Client client(JsonNode user) {
        String id = DeskieText.id(user.path("user_id"));
        if (id == null) {
            throw new PermanentVendorException("Deskie's answer has a user without user_id");
        }
        List<String> emails = new ArrayList<>();
        String email = DeskieText.text(user.path("user_email"));
        if (email != null) {
            emails.add(email);
        }
        List<String> phones = new ArrayList<>();
        String phone = DeskieText.text(user.path("user_phone"));
        if (phone != null) {
            phones.add(phone);
        }
        String name = DeskieText.text(user.path("user_full_name"));
        return new Client(id, name, emails, phones, null, null);
    }

    static String bare(String id) {
        String digits = id == null ? "" : id.strip();
        if (!digits.matches("\\d+")) {
            throw new PermanentVendorException("'" + id + "' is not a Deskie user id");
        }
        return digits;
    }
}
