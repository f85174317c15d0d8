package io.switchboard.plugins.planfix.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Planfix fake speaks REST API v2's wire format as Planfix's help pages and OpenAPI document it. */
class PlanfixFakeTest {

    private static final String TOKEN = "5d80e21cb3e12345678bdd568a2226d5";

    private final PlanfixFake fake = new PlanfixFake(TOKEN, 1);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "rest/" + path))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, body, TOKEN);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "rest/" + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesAMissingOrWrongBearerTokenWithCodeOne() throws Exception {
        for (HttpResponse<String> answer : List.of(post("user/list", "{}", null), post("user/list", "{}", "nope"))) {
            assertThat(answer.statusCode()).isEqualTo(401);
            JsonNode body = json.readTree(answer.body());
            assertThat(body.path("result").asText()).isEqualTo("fail");
            assertThat(body.path("code").asInt()).isEqualTo(1);
        }
        // GET requests may pass the token as access_token ("REST API Авторизация").
        assertThat(get("task/templates?access_token=" + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("task/templates?access_token=wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void createsContactsAndTasksFromTemplatesAndFindsThemWithComplexFilters() throws Exception {
        fake.addContactTemplate(3, "Client").addTaskTemplate(41, "Chat").addUser(5, "Anna", "Smirnova",
                "anna@acme.test", true);

        HttpResponse<String> contact = post("contact/", "{\"template\":{\"id\":3},\"name\":\"Ivan\",\"lastname\":"
                + "\"Petrov\",\"email\":\"Ivan@Example.com\",\"phones\":[{\"number\":\"+7 999 000-11-22\",\"type\":1}]}");
        assertThat(contact.statusCode()).isEqualTo(201);
        long contactId = json.readTree(contact.body()).path("id").asLong();
        assertThat(json.readTree(contact.body()).path("result").asText()).isEqualTo("success");

        JsonNode byEmail = json.readTree(post("contact/list", "{\"filters\":[{\"type\":4026,\"operator\":\"equal\","
                + "\"value\":\"ivan@example.com\"}]}").body());
        assertThat(byEmail.path("contacts")).extracting(c -> c.path("id").asLong()).containsExactly(contactId);
        JsonNode byPhone = json.readTree(post("contact/list", "{\"filters\":[{\"type\":4003,\"operator\":\"equal\","
                + "\"value\":\"9990001122\"}]}").body());
        assertThat(byPhone.path("contacts")).hasSize(1);

        HttpResponse<String> task = post("task/", "{\"template\":{\"id\":41},\"name\":\"Chat with Ivan\","
                + "\"counterparty\":{\"id\":\"contact:" + contactId + "\"},\"assignees\":{\"users\":[{\"id\":"
                + "\"user:5\"}]},\"sourceObjectId\":\"conv-1\"}");
        assertThat(task.statusCode()).isEqualTo(201);
        long taskId = json.readTree(task.body()).path("id").asLong();

        JsonNode active = json.readTree(post("task/list", "{\"fields\":\"id,name,status,sourceObjectId\",\"filters\":["
                + "{\"type\":7,\"operator\":\"equal\",\"value\":\"contact:" + contactId + "\"},"
                + "{\"type\":10,\"operator\":\"equal\",\"value\":[1,2]}]}").body());
        assertThat(active.path("tasks")).hasSize(1);
        JsonNode listed = active.path("tasks").get(0);
        assertThat(listed.path("id").asLong()).isEqualTo(taskId);
        assertThat(listed.path("status").path("name").asText()).isEqualTo("New");
        assertThat(listed.path("sourceObjectId").asText()).isEqualTo("conv-1");
        assertThat(listed.has("description")).as("only the asked fields").isFalse();

        HttpResponse<String> completed = post("task/" + taskId, "{\"status\":{\"id\":3}}");
        assertThat(completed.statusCode()).isEqualTo(200);
        assertThat(completed.body()).isEmpty();
        assertThat(fake.task(taskId)).hasValueSatisfying(t -> assertThat(t.statusId()).isEqualTo(3));
        JsonNode none = json.readTree(post("task/list", "{\"filters\":[{\"type\":7,\"operator\":\"equal\","
                + "\"value\":\"contact:" + contactId + "\"},{\"type\":10,\"operator\":\"equal\",\"value\":[1,2]}]}")
                .body());
        assertThat(none.path("tasks")).isEmpty();
    }

    @Test
    void refusesUnknownTemplatesStatusesAndObjectsWithPlanfixCodes() throws Exception {
        JsonNode template = json.readTree(post("task/", "{\"template\":{\"id\":99},\"name\":\"x\"}").body());
        assertThat(template.path("code").asInt()).isEqualTo(1001);
        long task = fake.addTask(null, "t", 1, null);
        HttpResponse<String> status = post("task/" + task, "{\"status\":{\"id\":77}}");
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(json.readTree(status.body()).path("code").asInt()).isEqualTo(1002);
        HttpResponse<String> missing = post("task/424242/comments/", "{\"description\":\"x\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json.readTree(missing.body()).path("code").asInt()).isEqualTo(1000);
    }

    @Test
    void keepsCommentsOnTasksAndContactsAndListsStatusesOfProcesses() throws Exception {
        long contact = fake.addContact("Ivan", "Petrov", "ivan@example.com", null);
        long task = fake.addTask(contact, "t", 2, null);
        HttpResponse<String> added = post("task/" + task + "/comments/", "{\"description\":\"Hi<br>there\","
                + "\"isHidden\":true}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(fake.comments(task)).singleElement().satisfies(c -> {
            assertThat(c.description()).isEqualTo("Hi<br>there");
            assertThat(c.hidden()).isTrue();
            assertThat(c.owner()).isEqualTo("user:1");
        });
        assertThat(post("contact/" + contact + "/comments/", "{\"description\":\"Chrome, Windows\"}").statusCode())
                .isEqualTo(201);
        assertThat(fake.contactComments(contact)).hasSize(1);

        JsonNode statuses = json.readTree(get("process/task/1/statuses?access_token=" + TOKEN).body());
        assertThat(statuses.path("statuses")).extracting(s -> s.path("name").asText())
                .contains("New", "In work", "Completed");
    }

    @Test
    void failsOnDemandWithRetryAfterAndCountsTheRequests() throws Exception {
        fake.failNext(1, 429, 7);
        HttpResponse<String> limited = post("user/list", "{}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(json.readTree(limited.body()).path("code").asInt()).isEqualTo(22);
        HttpResponse<String> ok = post("user/list", "{}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).isPresent();
        assertThat(fake.calls()).containsExactly("POST /rest/user/list", "POST /rest/user/list");
    }

    @Test
    void webhookBodiesCarryTheTemplateFields() throws Exception {
        PlanfixWebhooks hooks = new PlanfixWebhooks("s3cret");
        JsonNode comment = json.readTree(hooks.commentAdded(1001, 90001L, "Hello<br>world", 5L, "Anna Smirnova",
                "anna@acme.test"));
        assertThat(comment.path("event").asText()).isEqualTo("comment");
        assertThat(comment.path("task").asText()).isEqualTo("1001");
        assertThat(comment.path("secret").asText()).isEqualTo("s3cret");
        assertThat(hooks.commentAddedAsForm(1001, 90001, "a&b", 5, "Anna", "anna@acme.test"))
                .contains("text=a%26b").contains("secret=s3cret");
        assertThat(json.readTree(hooks.statusChanged(1001, "Completed", 3L)).path("status_id").asText())
                .isEqualTo("3");
    }
}
