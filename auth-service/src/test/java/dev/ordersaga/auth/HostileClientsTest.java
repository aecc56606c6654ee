package dev.ordersaga.auth;

import static dev.ordersaga.auth.AuthApi.read;
import static dev.ordersaga.auth.AuthApi.registration;
import static dev.ordersaga.auth.AuthApi.uniqueUsername;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.testsupport.RawHttp;
import dev.ordersaga.testsupport.Untraced;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** What a stranger can do to auth-service: huge bodies, registration floods, forged client addresses. */
class HostileClientsTest extends AuthServiceTest {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void a_40_mb_registration_is_refused_413_without_being_read_and_the_service_stays_up() throws Exception {
        // A client that reads while it sends (curl) learns the answer at once, before the rest.
        String answer = RawHttp.postTheStartOfABodyReadingUntil(
                port, "/api/auth/register", 40L << 20, "{\"username\":\"" + "x".repeat(4000), "PAYLOAD_TOO_LARGE");

        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json", "PAYLOAD_TOO_LARGE");
        assertThat(api.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void a_client_that_writes_a_40_mb_registration_whole_before_reading_gets_the_413() throws Exception {
        // Python's http.client and urllib write the whole body first, then read the answer.
        String answer = RawHttp.postWholeBodyThenRead(port, "/api/auth/register", 40L << 20);

        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json", "PAYLOAD_TOO_LARGE");
        assertThat(api.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void forty_registrations_from_one_address_make_ten_accounts_and_thirty_429s_with_retry_after() {
        String address = AuthApi.freshAddress();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(api.register(registration(uniqueUsername("flood"), "password123"), address));
        }

        assertThat(answers.stream().filter(a -> a.statusCode() == 201)).hasSize(10);
        List<HttpResponse<String>> refused =
                answers.stream().filter(a -> a.statusCode() == 429).toList();
        assertThat(refused).hasSize(30);
        assertThat(read(refused.getFirst()).get("code").asString()).isEqualTo("TOO_MANY_REGISTRATIONS");
        assertThat(refused.getFirst().headers().firstValue("Retry-After")).isPresent();
        // another address is not affected
        assertThat(api.register(registration(uniqueUsername("flood"), "password123"), AuthApi.freshAddress())
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void a_taken_username_and_a_taken_email_get_the_same_answer() {
        String username = uniqueUsername("taken");
        api.registered(username, "password123");
        Map<String, Object> sameName = registration(username, "password123");
        sameName.put("email", "someone-else-" + username + "@example.com");
        Map<String, Object> sameEmail = registration(uniqueUsername("other"), "password123");
        sameEmail.put("email", username + "@example.com");

        HttpResponse<String> byName = api.register(sameName);
        HttpResponse<String> byEmail = api.register(sameEmail);

        assertThat(byName.statusCode()).isEqualTo(409);
        assertThat(byEmail.statusCode()).isEqualTo(409);
        assertThat(read(byName).get("code").asString()).isEqualTo("ACCOUNT_EXISTS");
        // identical but for the trace id, which names each request's own trace
        assertThat(Untraced.body(byName.body()).replace("/api/auth/register", ""))
                .isEqualTo(Untraced.body(byEmail.body()).replace("/api/auth/register", ""));
    }

    @Test
    void x_forwarded_for_is_trusted_from_loopback_only_not_from_any_private_address() {
        Connector connector =
                ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        RemoteIpValve valve = (RemoteIpValve) java.util.Arrays.stream(
                        connector.getService().getContainer().getPipeline().getValves())
                .filter(RemoteIpValve.class::isInstance)
                .findFirst()
                .orElseThrow();
        Pattern trusted = Pattern.compile(valve.getInternalProxies());

        assertThat(trusted.matcher("127.0.0.1").matches()).isTrue();
        assertThat(trusted.matcher("0:0:0:0:0:0:0:1").matches()).isTrue();
        for (String address : List.of("10.0.0.5", "172.17.0.3", "192.168.1.20", "169.254.1.1", "100.64.0.1")) {
            assertThat(trusted.matcher(address).matches()).as(address).isFalse();
        }
    }
}
