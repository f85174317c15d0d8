package io.switchboard.platform.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.spi.error.PermanentVendorException;
import io.switchboard.spi.error.TransientVendorException;
import io.switchboard.spi.http.VendorRequest;
import io.switchboard.spi.http.VendorResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connections cannot make the platform call internal networks, follow a redirect there, or hold a worker with an
 * endless or trickling answer. Names are resolved by a test table: private, link-local and metadata addresses are
 * never connected to (the refusal comes at resolution, which the table records); the only server is on loopback.
 */
class VendorDestinationsTest {

    private final List<String> resolved = new CopyOnWriteArrayList<>();
    private final AtomicInteger internalCalls = new AtomicInteger();
    private HttpServer vendor;
    private HttpServer internal;
    private PooledVendorHttpClient client;

    /** "vendor.test" is a host the operator allowed (it lives on loopback here); the rest are what tenants may try. */
    private InetAddress[] table(String host) throws UnknownHostException {
        resolved.add(host);
        return switch (host) {
            case "vendor.test" -> new InetAddress[] {InetAddress.getLoopbackAddress()};
            case "metadata.test" -> new InetAddress[] {InetAddress.getByName("169.254.169.254")};
            case "intranet.test" -> new InetAddress[] {InetAddress.getByName("10.1.2.3")};
            case "mixed.test" -> new InetAddress[] {InetAddress.getByName("93.184.216.34"),
                    InetAddress.getByName("192.168.1.1")};
            case "v6-private.test" -> new InetAddress[] {InetAddress.getByName("fd00::1")};
            default -> InetAddress.getAllByName(host); // IP literals only in these tests
        };
    }

    @BeforeEach
    void start() throws IOException {
        internal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        internal.createContext("/", exchange -> {
            internalCalls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        internal.start();
        vendor = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        vendor.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + internal.getAddress().getPort() + "/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        vendor.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no length announced
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 64; i++) { // 4 MiB
                    out.write(chunk);
                }
            } catch (IOException clientWentAway) {
                // the client stopped reading at its cap
            }
        });
        vendor.createContext("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 600; i++) { // a byte every 50 ms: each read is quick, the whole never ends
                    out.write('x');
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException clientWentAway) {
                Thread.currentThread().interrupt();
            }
        });
        vendor.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        vendor.start();
        client = new PooledVendorHttpClient(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1),
                1 << 20, new VendorDestinations(Set.of("vendor.test"), this::table));
    }

    @AfterEach
    void stop() {
        client.close();
        vendor.stop(0);
        internal.stop(0);
    }

    private VendorResponse get(String url) {
        return client.send(new VendorRequest("GET", URI.create(url), Map.of(), new byte[0]));
    }

    private String vendorUrl(String path) {
        return "http://vendor.test:" + vendor.getAddress().getPort() + path;
    }

    @Test
    void anAllowedNameReachesItsInternalAddress() {
        assertThat(get(vendorUrl("/ok")).status()).isEqualTo(204);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.test", "intranet.test", "mixed.test", "v6-private.test", "127.0.0.1",
            "127.0.0.2", "0.0.0.0", "[::1]", "[::ffff:10.0.0.1]", "[fe80::1]", "100.64.1.1", "172.16.5.5"})
    void internalDestinationsAreRefusedWhenResolvedBeforeAnyConnection(String host) {
        int port = internal.getAddress().getPort();
        assertThatThrownBy(() -> get("http://" + host + ":" + port + "/"))
                .isInstanceOf(PermanentVendorException.class)
                .hasMessageContaining("internal network").hasMessageContaining("switchboard.http.allowed-internal-hosts");
        assertThat(resolved).as("refused at resolution").isNotEmpty();
        assertThat(internalCalls).as("never connected").hasValue(0);
    }

    @Test
    void theOwnPortOfThePlatformIsRefusedLikeAnyLoopbackAddress() {
        assertThatThrownBy(() -> get("http://127.0.0.1:" + vendor.getAddress().getPort() + "/ok"))
                .isInstanceOf(PermanentVendorException.class);
    }

    @Test
    void aRedirectIsTheConnectorsAnswerNotFollowedToWhereItPoints() {
        VendorResponse answer = get(vendorUrl("/redirect"));
        assertThat(answer.status()).isEqualTo(302);
        assertThat(internalCalls).as("the refused host is never called").hasValue(0);
    }

    @Test
    void anAnswerOverTheCapIsAPermanentVendorError() {
        assertThatThrownBy(() -> get(vendorUrl("/huge"))).isInstanceOf(PermanentVendorException.class)
                .hasMessageContaining("larger than 1 MiB");
    }

    @Test
    void aTricklingAnswerEndsAtTheExchangeDeadline() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> get(vendorUrl("/trickle"))).isInstanceOf(TransientVendorException.class)
                .hasMessageContaining("did not finish answering within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void addressesOfTheInternetAreNotInternal() throws UnknownHostException {
        for (String address : List.of("93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1", "100.128.0.1")) {
            assertThat(VendorDestinations.internal(InetAddress.getByName(address))).as(address).isFalse();
        }
        for (String address : List.of("169.254.169.254", "192.168.0.1", "::", "fc00::1", "224.0.0.1", "198.18.0.1",
                "::127.0.0.1", "64:ff9b::a00:1")) {
            assertThat(VendorDestinations.internal(InetAddress.getByName(address))).as(address).isTrue();
        }
    }
}
