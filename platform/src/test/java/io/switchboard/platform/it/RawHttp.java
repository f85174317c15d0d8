package io.switchboard.platform.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HTTP/1.1 over a plain socket, so a request target goes on the wire exactly as written ({@code //x}, {@code /a/../b},
 * {@code %2e}): HTTP client libraries normalise or re-encode some of these. Keeps one JSESSIONID cookie, like a
 * browser would. Loopback only (the platform under test).
 */
final class RawHttp {

    /** An answer: status, headers (lower-case names; the last of repeated ones) and body. */
    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        boolean redirectsTo(String pathStart) {
            return (status == 302 || status == 303) && header("location").replaceFirst("^https?://[^/]+", "")
                    .startsWith(pathStart);
        }

        /** @return the Faces view state of the page's form, if the page has one */
        Optional<String> viewState() {
            Matcher m = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(body);
            return m.find() ? Optional.of(m.group(1).replace("&#58;", ":")) : Optional.empty();
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    private final String host;
    private final int port;
    private final Map<String, String> extraHeaders;
    private String sessionId;

    RawHttp(URL base) {
        this(base.getHost(), base.getPort(), Map.of());
    }

    /** A client that sends this session cookie (or none, for {@code null}). */
    RawHttp withSession(String session) {
        RawHttp copy = new RawHttp(host, port, extraHeaders);
        copy.sessionId = session;
        return copy;
    }

    /** A client (with the same session) that also sends this header on every request. */
    RawHttp withHeader(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put(name, value);
        RawHttp copy = new RawHttp(host, port, Map.copyOf(headers));
        copy.sessionId = sessionId;
        return copy;
    }

    private RawHttp(String host, int port, Map<String, String> extraHeaders) {
        this.host = host;
        this.port = port;
        this.extraHeaders = extraHeaders;
    }

    String sessionId() {
        return sessionId;
    }

    Answer get(String target) {
        return send("GET", target, null, null, host + ":" + port);
    }

    /** A GET that names another host in its {@code Host} header, as anyone on the internet can. */
    Answer getWithHost(String target, String hostHeader) {
        return send("GET", target, null, null, hostHeader);
    }

    Answer post(String target, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send("POST", target, "application/x-www-form-urlencoded", body, host + ":" + port);
    }

    /** A POST of this JSON text, as an API client sends it. */
    Answer postJson(String target, String json) {
        return send("POST", target, "application/json", json, host + ":" + port);
    }

    /**
     * Signs in through the login form, as a browser does.
     *
     * @return this client, now with the signed-in session's cookie
     */
    RawHttp signIn(String email, String password) {
        signInAnswer(email, password);
        return this;
    }

    /** Signs in through the login form; @return the answer to the form's POST (the redirect that sets the session) */
    Answer signInAnswer(String email, String password) {
        Answer signedIn = submitLogin(email, password);
        if (signedIn.status() != 302) {
            throw new IllegalStateException("sign-in of " + email + " failed: " + signedIn);
        }
        return signedIn;
    }

    /** Opens the login page and submits its form with this e-mail and password: a 302 when signed in. */
    Answer submitLogin(String email, String password) {
        Answer page = get("/login.xhtml");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:next", "");
        form.put("login:email", email);
        form.put("login:password", password);
        form.put("login:submit", "Sign in");
        form.put("jakarta.faces.ViewState", page.viewState().orElseThrow(() ->
                new IllegalStateException("no login form: " + page)));
        return post("/login.xhtml", form);
    }

    /**
     * Any request, with exactly these extra headers and body bytes (a {@code Content-Length} is added when there is a
     * body). A server that answers before it has read a large body may close the connection while it is still being
     * written: the answer is then read all the same when it arrived.
     */
    Answer exchange(String method, String target, Map<String, String> headers, byte[] body) {
        return exchange(method, target, headers, body, true);
    }

    /** Like {@link #exchange}, but the body goes out framed only as the given headers say (or not at all). */
    Answer exchangeUnframed(String method, String target, Map<String, String> headers, byte[] body) {
        return exchange(method, target, headers, body, false);
    }

    private Answer exchange(String method, String target, Map<String, String> headers, byte[] body, boolean framed) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            if (body != null && framed) {
                request.append("Content-Length: ").append(body.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException closedEarly) {
                // The server answered (and closed) before taking the whole body: its answer is still to be read.
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }

    private Answer send(String method, String target, String contentType, String body, String hostHeader) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(hostHeader).append("\r\n")
                    .append("Connection: close\r\n");
            extraHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            if (sessionId != null) {
                request.append("Cookie: JSESSIONID=").append(sessionId).append("\r\n");
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Type: ").append(contentType).append("\r\n")
                        .append("Content-Length: ").append(content.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }

    private Answer read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        if (all.length == 0) {
            throw new IOException("the connection was closed without an answer");
        }
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        String head = new String(all, 0, end < 0 ? all.length : end, StandardCharsets.ISO_8859_1);
        byte[] body = end < 0 ? new byte[0] : Arrays.copyOfRange(all, end + 4, all.length);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).strip();
                headers.put(name, value);
                Matcher cookie = Pattern.compile("^JSESSIONID=([^;]+)").matcher(value);
                if (name.equals("set-cookie") && cookie.find()) {
                    sessionId = cookie.group(1);
                }
            }
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, crlf, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            int stop = Math.min(chunked.length, start + size);
            out.write(chunked, start, stop - start);
            at = stop + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] part, int from) {
        outer:
        for (int i = from; i <= data.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
