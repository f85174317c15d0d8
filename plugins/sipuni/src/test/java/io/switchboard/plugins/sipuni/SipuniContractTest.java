package io.switchboard.plugins.sipuni;

import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.telephony.CallEvent;
import io.switchboard.spi.telephony.TelephonyConnector;
import io.switchboard.testkit.contract.TelephonyContract;
import io.switchboard.testkit.contract.WebhookSample;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test kit's telephony contract suite (TelephonyContract) run on the Sipuni connector, with one incoming call's
 * events as Sipuni sends them (README, "Vendor facts"): a GET to the connection URL with {@code ?token=} the webhook
 * secret.
 */
class SipuniContractTest implements TelephonyContract {

    private static final String SECRET = "s3cr3t-webhook-token-0001";
    private static final String CALL = "1774373436.533962";

    @Override
    public TelephonyConnector connector() {
        return new SipuniConnector();
    }

    @Override
    public Map<String, ?> settings(String vendorUrl) {
        return Map.of("webhook_secret", SECRET, "api_user", "070196", "api_key",
                "0123456789abcdef0123456789abcdef", "api_url", vendorUrl);
    }

    @Override
    public List<WebhookSample<CallEvent>> webhookSamples() {
        return List.of(
                WebhookSample.of("call ringing", get("event=1&call_id=" + CALL + "&src_num=79161234567&src_type=1"
                        + "&dst_num=070196201&dst_type=2&short_dst_num=201&timestamp=1774373436&treeName=Incoming"
                        + "&user_id=070196&is_inner_call=0")),
                WebhookSample.of("call answered", get("event=3&call_id=" + CALL + "&src_num=79161234567&src_type=1"
                        + "&dst_num=070196201&dst_type=2&short_dst_num=201&timestamp=1774373446")),
                WebhookSample.of("call ended", get("event=2&call_id=" + CALL + "&src_num=79161234567&src_type=1"
                        + "&dst_num=070196201&dst_type=2&short_dst_num=201&status=ANSWER"
                        + "&call_start_timestamp=1774373436&call_answer_timestamp=1774373446&timestamp=1774373506"
                        + "&last_called=201")),
                WebhookSample.of("another call ended unanswered", get("event=2&call_id=1774373999.1&src_num=79160000000"
                        + "&src_type=1&dst_num=070196202&dst_type=2&short_dst_num=202&status=NOANSWER"
                        + "&call_start_timestamp=1774373999&call_answer_timestamp=0&timestamp=1774374019")));
    }

    /** A GET as Sipuni sends it, with the webhook secret appended as {@code token}. */
    private static InboundRequest get(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : (rawQuery + "&token=" + SECRET).split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    List.of(URLDecoder.decode(parts[1], StandardCharsets.UTF_8)));
        }
        return new InboundRequest("GET", Map.of(), query, new byte[0], Instant.ofEpochSecond(1774373436L));
    }
}
