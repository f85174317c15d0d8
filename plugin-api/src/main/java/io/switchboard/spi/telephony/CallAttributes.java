package io.switchboard.spi.telephony;

/** Standard keys of {@link CallEvent#attributes()}, so one custom-field mapping works with any telephony vendor. */
public final class CallAttributes {

    public static final String UTM_SOURCE = "utm_source";
    public static final String UTM_MEDIUM = "utm_medium";
    public static final String UTM_CAMPAIGN = "utm_campaign";
    public static final String UTM_CONTENT = "utm_content";
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
