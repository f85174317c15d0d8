package io.switchboard.plugins.sipuni;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One side of a Sipuni call ({@code src_*} or {@code dst_*}): its number and whether it is an employee's extension
 * (internal) or a client's number (external).
 *
 * <p>The type fields code <b>1 = external, 2 = internal</b>, as production captures show; some client libraries
 * document the opposite (README, "Vendor facts"), so the type is cross-checked with the number's shape: an
 * internal number is short (≤ 6 digits), the account number followed by a short extension
 * ({@code 070196201}), or ends with the {@code short_*_num} Sipuni sent beside it; an external one has 10 or more
 * digits. Numbers of 7–9 digits are not judged by shape (they may be prefixed extensions of an unknown
 * account). When the type is missing, or the shape clearly contradicts it, the shape decides and a note says so.
 *
 * @param number    the number as sent, trimmed, without Sipuni's {@code _id…} suffix; {@code null} when absent
 * @param extension the short extension for an internal party (from {@code short_*_num}, else the number without
 *                  the account prefix), else {@code null}
 * @param internal  true for an employee's extension
 * @param known     false when neither type nor number tells anything
 * @param suffixId  the {@code _id…} suffix Sipuni sometimes appends to {@code dst_num}, or {@code null}
 */
record SipuniParty(String number, String extension, boolean internal, boolean known, String suffixId) {

    private static final Pattern SUFFIX = Pattern.compile("^(.*?)_id(\\w*)$");
    private static final int MAX_EXTENSION_DIGITS = 6;
    private static final int MAX_PREFIXED_EXTENSION_DIGITS = 5;
    private static final int MIN_SURE_EXTERNAL_DIGITS = 10;

    /**
     * Classifies one side.
     *
     * @param side    {@code "src"} or {@code "dst"}, for notes
     * @param raw     the {@code *_num} value
     * @param shortNum the {@code short_*_num} value
     * @param type    the {@code *_type} value
     * @param account the account number ({@code user_id}), used to recognise prefixed extensions; may be null
     * @param notes   where decisions are written
     */
    static SipuniParty of(String side, String raw, String shortNum, String type, String account, List<String> notes) {
        String number = raw;
        String suffixId = null;
        if (number != null) {
            Matcher m = SUFFIX.matcher(number);
            if (m.matches()) {
                number = m.group(1).trim();
                suffixId = m.group(2);
            }
            number = number.isEmpty() ? null : number;
        }
        if (number == null && shortNum != null) {
            number = shortNum;
        }
        Boolean byShape = shapeSaysInternal(number, shortNum, account);
        Boolean byType = "2".equals(type) ? Boolean.TRUE : "1".equals(type) ? Boolean.FALSE : null;
        boolean internal;
        boolean known = true;
        if (byType == null && number == null) {
            internal = false;
            known = false;
            notes.add(side + "_type and " + side + "_num are both missing or unreadable; that side is unknown.");
        } else if (byType == null && byShape == null) {
            internal = false;
            notes.add(side + "_type is missing and the number's shape is not conclusive; treated as external.");
        } else if (byType == null) {
            internal = byShape;
            notes.add(side + "_type is missing or unknown ('" + safe(type) + "'); the number's length says "
                    + (internal ? "internal" : "external") + ".");
        } else if (byShape != null && !byShape.equals(byType)) {
            internal = byShape;
            notes.add(side + "_type=" + type + " contradicts the number's length; treated as "
                    + (internal ? "internal" : "external") + ".");
        } else {
            internal = byType;
        }
        String extension = null;
        if (internal) {
            extension = shortNum != null ? shortNum : withoutAccount(number, account);
        }
        return new SipuniParty(number, extension, internal, known, suffixId);
    }

    /**
     * @return true when the number surely is an extension, false when it surely is a client's number, {@code null}
     *         when its shape does not tell (no number, or 7–9 digits that may be an account-prefixed extension of
     *         an account we do not know)
     */
    static Boolean shapeSaysInternal(String number, String shortNum, String account) {
        if (number == null) {
            return null;
        }
        String digits = number.replaceAll("\\D", "");
        if (digits.isEmpty()) {
            return null;
        }
        if (digits.length() <= MAX_EXTENSION_DIGITS) {
            return true;
        }
        boolean hasAccount = account != null && !account.isEmpty();
        if (hasAccount && digits.startsWith(account)
                && digits.length() - account.length() <= MAX_PREFIXED_EXTENSION_DIGITS) {
            return true;
        }
        // Sipuni sends the extension alone in short_*_num and the account-prefixed form in *_num.
        if (shortNum != null && shortNum.length() <= MAX_EXTENSION_DIGITS && !digits.equals(shortNum)
                && digits.endsWith(shortNum)) {
            return true;
        }
        if (digits.length() >= MIN_SURE_EXTERNAL_DIGITS && (hasAccount || !digits.startsWith("0"))) {
            return false;
        }
        return null;
    }

    private static String withoutAccount(String number, String account) {
        if (number == null) {
            return null;
        }
        if (account != null && number.startsWith(account) && number.length() > account.length()) {
            return number.substring(account.length());
        }
        return number;
    }

    private static String safe(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > 20 ? value.substring(0, 20) + "…" : value;
    }
}
