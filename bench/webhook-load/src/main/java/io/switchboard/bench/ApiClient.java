package io.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The platform's REST API with a bearer token, for the bench programs. */
record ApiClient(HttpClient http, URI base, String token) {

    static ApiClient signIn(HttpClient http, URI base, String email, String password) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        CrashTest.object().put("email", email).put("password", password).toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("sign-in of " + email + ": " + answer.statusCode() + " " + answer.body());
        }
        return new ApiClient(http, base, Mapper.JSON.readTree(answer.body()).path("token").asText());
    }

    JsonNode get(String path) throws Exception {
        return call("GET", path, null);
    }

    JsonNode put(String path) throws Exception {
        return call("PUT", path, null);
    }

    JsonNode post(String path, JsonNode body) throws Exception {
        return call("POST", path, body);
    }

    private JsonNode call(String method, String path, JsonNode body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + answer.statusCode() + " " + answer.body());
        }
        return answer.body().isBlank() ? Mapper.JSON.missingNode() : Mapper.JSON.readTree(answer.body());
    }
}

/** The shared JSON mapper. */
final class Mapper {
    static final ObjectMapper JSON = new ObjectMapper();

    private Mapper() {
    }
}
