package io.switchboard.platform.flow.calltoticket;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Reads the numbers PBXes send and writes them as the tenant chose, with Google's libphonenumber.
 *
 * <p>Reading: PBXes send numbers in every shape — {@code 79161234567} (Sipuni: country code, no plus),
 * {@code 89161234567} (Russian national prefix), {@code +7 916 …}, a foreign number without its plus
 * ({@code 998948867473}). A number is taken as
 * <ol>
 *   <li>what libphonenumber reads with the tenant's region (default RU) when that is a valid number;</li>
 *   <li>else, when it has no {@code +}, the same digits read as an international number ({@code +998 94 …}) when
 *       that is valid;</li>
 *   <li>else, when it was written with a {@code +}, what libphonenumber read, if it is at least a possible
 *       number (its metadata may not know a new range yet);</li>
 *   <li>else it cannot be parsed: it is kept as its digits, and the caller notes that in the activity log.</li>
 * </ol>
 * Stateless; {@link PhoneNumberUtil} is thread-safe.
 */
final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /**
     * A number as read.
     *
     * @param raw       what the PBX sent
     * @param formatted in the chosen format (the digits when unparsed)
     * @param e164      the E.164 form ({@code +79161234567}), or {@code null} when unparsed
     * @param key       what identifies the number in links: the E.164 form, else {@code digits:<digits>}
     * @param parsed    false when libphonenumber could not make a number of it
     */
    record Phone(String raw, String formatted, String e164, String key, boolean parsed) {

        /** @return the form to search the helpdesk with: E.164, else the digits */
        String searchable() {
            return e164 != null ? e164 : formatted;
        }
    }

    private PhoneNumbers() {
    }

    /** @return the digits of the text ({@code ""} for none) */
    static String digits(String text) {
        return text == null ? "" : text.replaceAll("\\D", "");
    }

    /**
     * @param raw    the number as sent; must contain at least one digit
     * @param region ISO 3166 alpha-2 region for numbers without a country code
     * @param format the format to write
     */
    static Phone read(String raw, String region, PhoneFormat format) {
        String digits = digits(raw);
        PhoneNumber number = parse(raw.strip(), region, digits);
        if (number == null) {
            return new Phone(raw, digits, null, "digits:" + digits, false);
        }
        String e164 = UTIL.format(number, PhoneNumberFormat.E164);
        String formatted = switch (format) {
            case E164 -> e164;
            case INTERNATIONAL -> UTIL.format(number, PhoneNumberFormat.INTERNATIONAL);
            case NATIONAL -> UTIL.format(number, PhoneNumberFormat.NATIONAL);
            case DIGITS -> digits(e164);
        };
        return new Phone(raw, formatted, e164, e164, true);
    }

    private static PhoneNumber parse(String raw, String region, String digits) {
        PhoneNumber regional = tryParse(raw, region);
        if (regional != null && UTIL.isValidNumber(regional)) {
            return regional;
        }
        boolean explicitInternational = raw.startsWith("+") || raw.startsWith("00");
        if (!explicitInternational && !digits.isEmpty()) {
            PhoneNumber international = tryParse("+" + digits, "ZZ");
            if (international != null && UTIL.isValidNumber(international)) {
                return international;
            }
        }
        if (explicitInternational && regional != null && UTIL.isPossibleNumber(regional)) {
            return regional;
        }
        return null;
    }

    private static PhoneNumber tryParse(String text, String region) {
        try {
            return UTIL.parse(text, region);
        } catch (NumberParseException e) {
            return null;
        }
    }
}
