package io.switchboard.platform.security;

import java.util.Optional;

/**
 * Whether a request path arrived in normal form: spelled the one way the platform's own pages and links spell it.
 * The container decodes and normalises a path before it picks the page, so {@code //operator/x},
 * {@code /a/../operator/x}, {@code /%6Fperator/x} and {@code /operator;x=1/x} all serve {@code /operator/x}. No
 * client of ours sends such spellings; the only reason to send one is to make something that looks at the path as
 * written see another path than the one served. So they are refused (400) before anything else looks at the request
 * ({@link SwitchboardAuthentication}), and access is then decided on the container's own path ({@link AccessRules}).
 *
 * <p>Refused: an empty or relative path, {@code //}, a {@code .} or {@code ..} segment, a backslash, {@code ;}
 * (path parameters such as {@code ;jsessionid=}; sessions travel only in the cookie), a malformed {@code %}
 * escape, and an escape of something that never needs one: a letter, a digit, {@code - . _ ~} (RFC 3986 §2.3), or of
 * {@code / \ ; %} (an encoded separator or a double encoding) or a control character. Escapes that carry meaning
 * ({@code %20}, {@code %3F}, UTF-8 bytes) stay allowed.
 */
public final class PathNormalForm {

    private PathNormalForm() {
    }

    /**
     * @param rawPath the path as the client sent it ({@code HttpServletRequest.getRequestURI()}: not decoded, no
     *                query string)
     * @return why it is not in normal form, or empty when it is
     */
    public static Optional<String> violation(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.of("the path must start with /");
        }
        if (rawPath.contains("//")) {
            return Optional.of("empty path segment (//)");
        }
        if (rawPath.indexOf('\\') >= 0) {
            return Optional.of("backslash in the path");
        }
        if (rawPath.indexOf(';') >= 0) {
            return Optional.of("path parameters (;) are not accepted");
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("'" + segment + "' segment in the path");
            }
        }
        for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
            int value = i + 2 < rawPath.length() ? hexByte(rawPath.charAt(i + 1), rawPath.charAt(i + 2)) : -1;
            if (value < 0) {
                return Optional.of("malformed %-escape in the path");
            }
            if (needsNoEscape(value) || "/\\;%".indexOf(value) >= 0 || value < 0x20 || value == 0x7f) {
                return Optional.of("needless or forbidden %-escape (" + rawPath.substring(i, i + 3) + ") in the path");
            }
        }
        return Optional.empty();
    }

    private static boolean needsNoEscape(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0;
    }

    private static int hexByte(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
