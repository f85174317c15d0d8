package io.switchboard.platform.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The platform's REST API as a test calls it: JSON in and out, optionally with a bearer token. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, raw body and the body as JSON (or a missing node when it is not JSON). */
    record Answer(int status, String body, JsonNode json) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final String token;

    ApiClient(URL base, String token) {
        try {
            this.base = base.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        this.token = token;
    }

    /** @return a client holding a fresh token for this e-mail and password */
    static ApiClient signIn(URL base, String email, String password) {
        Answer answer = new ApiClient(base, null).post("/api/v1/tokens",
                JSON.createObjectNode().put("email", email).put("password", password).put("name", "it"));
        if (answer.status() != 201) {
            throw new AssertionError("sign-in of " + email + " failed: " + answer.status() + " " + answer.body());
        }
        return new ApiClient(base, answer.json().path("token").asText());
    }

    /** A new tenant's first admin: the tenant's slug, the admin's e-mail and an API client signed in as the admin. */
    record TenantAdmin(String slug, String email, ApiClient api) {
    }

    /**
     * Creates a tenant {@code <prefix>-<random>} as the operator of the test run, with admin {@code admin@<slug>.test},
     * and signs that admin in.
     */
    static TenantAdmin newTenant(URL base, String prefix, String password) {
        ApiClient operator = signIn(base, System.getProperty("it.admin.email"), System.getProperty("it.admin.password"));
        String slug = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        String email = "admin@" + slug + ".test";
        Answer created = operator.post("/api/v1/tenants", JSON.createObjectNode().put("slug", slug)
                .put("name", "Tenant " + slug).put("adminEmail", email).put("adminPassword", password));
        if (created.status() != 201) {
            throw new AssertionError("tenant " + slug + " not created: " + created.status() + " " + created.body());
        }
        return new TenantAdmin(slug, email, signIn(base, email, password));
    }

    /** @return the bearer token this client sends, or {@code null} */
    String token() {
        return token;
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, Object body) {
        return send("POST", path, body);
    }

    Answer put(String path, Object body) {
        return send("PUT", path, body);
    }

    Answer delete(String path) {
        return send("DELETE", path, null);
    }

    /** POSTs raw bytes (a plugin jar) with this content type. */
    Answer upload(String path, byte[] bytes, String contentType) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
            } catch (IOException e) {
                json = JSON.missingNode();
            }
            return new Answer(response.statusCode(), response.body(), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                request.header("Content-Type", "application/json");
                String text = body instanceof String s ? s : JSON.writeValueAsString(body);
                request.method(method, HttpRequest.BodyPublishers.ofString(text));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
            } catch (IOException e) {
                json = JSON.missingNode();
            }
            return new Answer(response.statusCode(), response.body(), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
