package io.switchboard.spi.http;

import io.switchboard.spi.error.TransientVendorException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@link VendorHttpClient} on the JDK's {@link HttpClient}: bounded connect and request time, failures to reach
 * the vendor reported as {@link TransientVendorException}. For tests and tools: the test kit gives it to connectors
 * under test. The platform itself gives connectors a pooled Apache HttpClient that answers the same way (same
 * statuses, lower-case header names, the same exceptions), which is cheaper per call under load.
 */
public final class JdkVendorHttpClient implements VendorHttpClient {

    private final HttpClient client;
    private final Duration requestTimeout;

    public JdkVendorHttpClient(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.requestTimeout = requestTimeout;
    }

    @Override
    public VendorResponse send(VendorRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(requestTimeout)
                .method(request.method(), request.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, java.util.List<String>> headers = response.headers().map().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue,
                            (a, b) -> a, TreeMap::new));
            return new VendorResponse(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new TransientVendorException("Could not reach " + request.uri().getHost() + ": "
                    + e.getClass().getSimpleName(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientVendorException("Interrupted while calling " + request.uri().getHost(), null, e);
        }
    }
}
