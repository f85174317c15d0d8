package io.switchboard.spi.telephony;

/** Standard keys of {@link CallEvent#attributes()}, so one custom-field mapping works with any telephony vendor. */
public final class CallAttributes {

    /** UTM source of the visit the call came from. */
    public static final String UTM_SOURCE = "utm_source";
    /** UTM medium. */
    public static final String UTM_MEDIUM = "utm_medium";
    /** UTM campaign. */
    public static final String UTM_CAMPAIGN = "utm_campaign";
    /** UTM content. */
    public static final String UTM_CONTENT = "utm_content";
    /** UTM term (keyword). */
    public static final String UTM_TERM = "utm_term";
    /** Name of the forwarding scheme / number pool. */
    public static final String SCHEME_NAME = "scheme_name";
    /** Scheme a call was transferred to. */
    public static final String TRANSFER_SCHEME = "transfer_scheme";
    /** Landing page or referrer the call-tracking number was shown on. */
    public static final String LANDING_PAGE = "landing_page";

    private CallAttributes() {
    }
}
