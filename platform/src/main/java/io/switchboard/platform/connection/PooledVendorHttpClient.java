package io.switchboard.platform.connection;

import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorHttpClient;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The platform's {@link VendorHttpClient}: Apache HttpClient 5 (classic, blocking) over a connection pool shared by
 * all connections. The calling worker thread does the whole exchange; {@code java.net.http}, used before, handed
 * each one between its selector and worker threads, which cost ≈ 17 % of the platform's CPU under load (profile,
 * issue #5). Failures to reach the vendor are {@link TransientVendorException}s.
 *
 * <p>Shared by every tenant, so it keeps nothing between requests that one tenant's vendor could hand to another's:
 * no cookies, no cached authentication. This client sends each request once (429s, 5xx and broken connections are
 * resent, where safe, by each connection's {@link GuardedVendorHttpClient} around it, ADR 0009); only a request that
 * failed on a pooled connection before any answer is sent again once, and only if idempotent (as
 * {@code java.net.http} does).
 *
 * <p>A tenant chooses where its connection sends requests, so the client also protects the platform and the other
 * tenants from that choice (ADR 0004, "Outbound requests"): internal addresses are refused when a name is resolved
 * ({@link VendorDestinations}); redirects are not followed (a 3xx is the connector's answer to judge, and a
 * redirect would carry the connector's credentials to wherever it points); an answer is read up to a size cap; and
 * the whole exchange, not only each read, has a deadline, so a host that trickles bytes cannot hold a worker.
 */
final class PooledVendorHttpClient implements VendorHttpClient, AutoCloseable {

    /** Headers the client sets itself from the request; a plugin's value would conflict. */
    private static final Set<String> OWN_HEADERS = Set.of("content-length", "host", "connection", "transfer-encoding");

    private final CloseableHttpClient client;
    private final long maxResponseBytes;
    private final Duration exchangeTimeout;
    private final ScheduledExecutorService deadlines;

    /**
     * @param responseTimeout  longest wait for the next bytes of an answer
     * @param exchangeTimeout  longest whole exchange, from connecting to the answer's last byte
     * @param maxResponseBytes largest answer body read; a larger one is a permanent vendor error
     * @param destinations     which addresses may be connected to
     */
    PooledVendorHttpClient(Duration connectTimeout, Duration responseTimeout, Duration exchangeTimeout,
                           long maxResponseBytes, VendorDestinations destinations) {
        this.maxResponseBytes = maxResponseBytes;
        this.exchangeTimeout = exchangeTimeout;
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(destinations)
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
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .setUserAgent("Switchboard")
                .build();
        deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "switchboard-vendor-http-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public VendorResponse send(VendorRequest request) {
        HttpUriRequestBase exchange = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().forEach((name, value) -> {
            if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.addHeader(name, value);
            }
        });
        if (request.body().length > 0) {
            exchange.setEntity(new ByteArrayEntity(request.body(), null)); // Content-Type comes from the headers
        }
        String host = request.uri().getHost();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            timedOut.set(true);
            exchange.cancel();
        }, exchangeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return client.execute(exchange, response -> new VendorResponse(response.getCode(),
                    headers(response.getHeaders()), body(response.getEntity(), host)));
        } catch (VendorDestinations.RefusedDestination e) {
            throw new PermanentVendorException("The address " + e.host() + " is in an internal network, which "
                    + "connections may not reach; the platform operator can allow a named internal host "
                    + "(switchboard.http.allowed-internal-hosts)", e);
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new TransientVendorException(host + " did not finish answering within "
                        + exchangeTimeout.toSeconds() + " s", null, e);
            }
            throw new TransientVendorException("Could not reach " + host + ": " + e.getClass().getSimpleName(), null, e);
        } finally {
            deadline.cancel(false);
        }
    }

    private byte[] body(HttpEntity entity, String host) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > maxResponseBytes) {
            throw tooLarge(host);
        }
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return new byte[0];
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                total += read;
                if (total > maxResponseBytes) {
                    throw tooLarge(host);
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        }
    }

    private PermanentVendorException tooLarge(String host) {
        return new PermanentVendorException("The answer of " + host + " is larger than " + (maxResponseBytes >> 20)
                + " MiB; the platform reads no more than that", null);
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
        deadlines.shutdownNow();
        client.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }
}
