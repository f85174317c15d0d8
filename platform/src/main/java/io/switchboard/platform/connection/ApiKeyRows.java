package io.switchboard.platform.connection;

import io.switchboard.platform.persistence.RandomIds;
import io.switchboard.platform.problem.InvalidInputException;
import io.switchboard.platform.problem.NotFoundException;
import io.switchboard.spi.config.ApiKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of an {@code API_KEYS} setting as the platform edits them: a key is made here (256 random bits), only its
 * row (digest, hint, name, date; {@link ApiKeys}) is stored, and what the UI and API show of a row leaves the digest
 * out. Pure functions; {@link ConnectionService} persists the result.
 */
final class ApiKeyRows {

    /** Keys live at once per field: enough for a rollover across a few back ends, few enough to keep track of. */
    static final int MAX_KEYS = 10;
    static final int MAX_NAME = 80;
    /** A recognisable prefix, so secret scanners and people can tell a Switchboard key from other tokens. */
    static final String PREFIX = "sbk_";

    private ApiKeyRows() {
    }

    /** @return a new key: the prefix and 32 random bytes, base64url (47 characters, a valid bearer token) */
    static String newKey() {
        return PREFIX + RandomIds.of(32);
    }

    /** @return the rows with one more, for a key made now; the key's name is checked, the number of keys too */
    static List<Map<String, String>> plus(List<Map<String, String>> rows, String id, String name, String key,
                                          Instant now) {
        if (rows.size() >= MAX_KEYS) {
            throw new InvalidInputException("name", "This connection has " + rows.size() + " API keys, the most it "
                    + "can have; revoke one you no longer use first");
        }
        List<Map<String, String>> more = new ArrayList<>(rows);
        more.add(ApiKeys.row(id, name, key, now));
        return more;
    }

    /** @return the name to store: trimmed, or "Key N" when none was given; refused when too long */
    static String name(String given, int existing) {
        String name = given == null ? "" : given.strip();
        if (name.length() > MAX_NAME) {
            throw new InvalidInputException("name", "Use a key name of at most " + MAX_NAME + " characters");
        }
        return name.isEmpty() ? "Key " + (existing + 1) : name;
    }

    /** @return the rows without the key with this id; {@link NotFoundException} when there is none */
    static List<Map<String, String>> minus(List<Map<String, String>> rows, String keyId) {
        List<Map<String, String>> fewer = rows.stream().filter(r -> !r.get(ApiKeys.ID).equals(keyId)).toList();
        if (fewer.size() == rows.size()) {
            throw new NotFoundException("No API key '" + keyId + "' on this connection");
        }
        return fewer;
    }

    /** @return what people see of the rows: id, name, hint and date, never the digest */
    static List<Map<String, String>> shown(List<Map<String, String>> rows) {
        return rows.stream().map(r -> {
            Map<String, String> shown = new LinkedHashMap<>(r);
            shown.remove(ApiKeys.SHA256);
            return Collections.unmodifiableMap(shown);
        }).toList();
    }
}
