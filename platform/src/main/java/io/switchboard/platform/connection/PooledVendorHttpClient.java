package io.switchboard.platform.connection;

import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorHttpClient;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The platform's {@link VendorHttpClient}: Apache HttpClient 5 (classic, blocking) over a connection pool shared by
 * all connections. The calling worker thread does the whole exchange; {@code java.net.http}, used before, handed
 * each one between its selector and worker threads, which cost ≈ 17 % of the platform's CPU under load (profile,
 * issue #5). Bounded connect and response time; failures to reach the vendor are {@link TransientVendorException}s.
 *
 * <p>Shared by every tenant, so it keeps nothing between requests that one tenant's vendor could hand to another's:
 * no cookies, no cached authentication. Statuses are the connector's to judge (no automatic retry on 429/503);
 * only a request that failed on a pooled connection before any answer is sent again once, and only if idempotent
 * (as {@code java.net.http} does).
 */
final class PooledVendorHttpClient implements VendorHttpClient, AutoCloseable {

    /** Headers the client sets itself from the request; a plugin's value would conflict. */
    private static final Set<String> OWN_HEADERS = Set.of("content-length", "host", "connection", "transfer-encoding");

    private final CloseableHttpClient client;

    PooledVendorHttpClient(Duration connectTimeout, Duration responseTimeout) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(200)
                .setMaxConnPerRoute(64)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(responseTimeout)).build())
                .setRetryStrategy(new DefaultHttpRequestRetryStrategy(1, TimeValue.ZERO_MILLISECONDS) {
                    @Override
                    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
                        return false; // a status is an answer: the connector decides what it means
                    }
                })
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .setUserAgent("Switchboard")
                .build();
    }

    @Override
    public VendorResponse send(VendorRequest request) {
        ClassicRequestBuilder builder = ClassicRequestBuilder.create(request.method()).setUri(request.uri());
        request.headers().forEach((name, value) -> {
            if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                builder.addHeader(name, value);
            }
        });
        if (request.body().length > 0) {
            builder.setEntity(new ByteArrayEntity(request.body(), null)); // Content-Type comes from the headers
        }
        try {
            return client.execute(builder.build(), response -> new VendorResponse(response.getCode(),
                    headers(response.getHeaders()),
                    response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity())));
        } catch (IOException e) {
            throw new TransientVendorException("Could not reach " + request.uri().getHost() + ": "
                    + e.getClass().getSimpleName(), null, e);
        }
    }

    private static Map<String, List<String>> headers(Header[] headers) {
        Map<String, List<String>> byName = new TreeMap<>();
        for (Header header : headers) {
            byName.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(header.getValue());
        }
        return byName;
    }

    @Override
    public void close() {
        client.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }
}
