package dev.ordersaga.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ordersaga.console.audit.AuditEntry;
import dev.ordersaga.console.audit.AuditEntry.Outcome;
import dev.ordersaga.console.audit.AuditLog;
import dev.ordersaga.testsupport.MongoTestServer;
import dev.ordersaga.testsupport.TestJwks;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The console's doors, with the real security chain, sign-in through a stand-in auth-service that
 * issues real signed tokens, and the audit trail in an in-memory MongoDB-compatible store.
 */
@SpringBootTest
@ContextConfiguration(initializers = {MongoTestServer.class, TestJwks.Initializer.class, FakeShop.Initializer.class})
class ConsoleSecurityTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    AuditLog audit;

    @Autowired
    MongoTemplate mongo;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .build();
        mongo.dropCollection(AuditEntry.class);
        FakeShop.get().reset();
    }

    @Test
    void nobody_signed_in_is_sent_to_the_sign_in_page_and_the_json_api_answers_401_problem() throws Exception {
        mvc.perform(get("/orders").accept(MediaType.TEXT_HTML))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(get("/api/audit"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("problem+json")));
    }

    @Test
    void a_customer_signs_in_but_gets_the_403_page_and_a_403_problem_from_the_api() throws Exception {
        MockHttpSession session = signIn("klea", "password123");

        mvc.perform(get("/orders").session(session))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/denied"));
        // the page the forward renders (MockMvc does not follow forwards)
        mvc.perform(get("/denied").session(session))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("this console is for operators")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("CUSTOMER")));
        mvc.perform(get("/api/orders/" + FakeShop.REJECTED).session(session))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403));
        assertThat(FakeShop.get().calls()).noneMatch(c -> c.path().startsWith("/api/orders"));
    }

    @Test
    void a_wrong_password_stays_out_and_is_audited_as_refused() throws Exception {
        mvc.perform(formLogin("/login").user("admin").password("nope")).andExpect(redirectedUrl("/login?failed"));

        assertThat(audit.latest(5)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("SIGN_IN");
            assertThat(e.operator()).isEqualTo("admin");
            assertThat(e.outcome()).isEqualTo(Outcome.REFUSED);
        });
    }

    @Test
    void an_admin_sees_the_saga_with_its_compensation_read_with_the_admins_own_token() throws Exception {
        MockHttpSession session = signIn("admin", "admin12345");

        mvc.perform(get("/orders/" + FakeShop.REJECTED).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("PAYMENT_DECLINED")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("class=\"compensation\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("http://traces.test/abc123")));
        mvc.perform(get("/api/orders/" + FakeShop.REJECTED).session(session))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.compensations[0].type").value("StockReleased"))
                .andExpect(jsonPath("$.decision.type").value("OrderRejected"))
                .andExpect(jsonPath("$.waiting_for").isEmpty());
        assertThat(FakeShop.get().calls())
                .filteredOn(c -> c.path().startsWith("/api/orders/"))
                .allSatisfy(c -> assertThat(c.authorization()).startsWith("Bearer ey"));
    }

    @Test
    void an_unknown_order_is_a_404_problem_on_the_api_and_a_404_page() throws Exception {
        MockHttpSession session = signIn("admin", "admin12345");
        String unknown = "33333333-3333-3333-3333-333333333333";

        mvc.perform(get("/api/orders/" + unknown).session(session))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("ORDER_NOT_FOUND"));
        mvc.perform(get("/orders/" + unknown).session(session))
                .andExpect(status().isNotFound())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("No order " + unknown)));
    }

    @Test
    void a_cancel_without_the_csrf_token_is_refused_and_never_reaches_order_service() throws Exception {
        MockHttpSession session = signIn("admin", "admin12345");

        mvc.perform(post("/orders/" + FakeShop.RUNNING + "/cancel").session(session))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/denied"));
        mvc.perform(get("/denied").session(session))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("no valid CSRF token")));

        assertThat(FakeShop.get().calls()).noneMatch(c -> c.path().endsWith("/cancel"));
        assertThat(audit.latest(10)).noneMatch(e -> e.action().equals("CANCEL_ORDER"));
    }

    @Test
    void a_cancel_with_the_token_goes_through_order_service_and_is_audited_with_its_result() throws Exception {
        MockHttpSession session = signIn("admin", "admin12345");

        mvc.perform(post("/orders/" + FakeShop.RUNNING + "/cancel")
                        .session(session)
                        .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/orders/" + FakeShop.RUNNING));

        assertThat(FakeShop.get().calls())
                .filteredOn(c -> c.path().endsWith("/cancel"))
                .singleElement()
                .satisfies(c -> assertThat(c.authorization()).startsWith("Bearer ey"));
        AuditEntry entry = audit.latest(1).getFirst();
        assertThat(entry.action()).isEqualTo("CANCEL_ORDER");
        assertThat(entry.operator()).isEqualTo("admin");
        assertThat(entry.target()).isEqualTo(FakeShop.RUNNING);
        assertThat(entry.outcome()).isEqualTo(Outcome.OK);
        assertThat(entry.detail()).contains("CANCELLED").contains("CANCELLED_ON_REQUEST");
        assertThat(entry.at()).isNotNull();
    }

    @Test
    void cancelling_a_decided_order_is_refused_by_order_service_and_audited_as_refused() throws Exception {
        MockHttpSession session = signIn("admin", "admin12345");

        MvcResult result = mvc.perform(post("/orders/" + FakeShop.REJECTED + "/cancel")
                        .session(session)
                        .with(csrf()))
                .andExpect(status().isFound())
                .andReturn();

        assertThat(String.valueOf(result.getFlashMap().get("error"))).contains("already REJECTED");
        List<AuditEntry> entries = audit.latest(1);
        assertThat(entries.getFirst().outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(entries.getFirst().action()).isEqualTo("CANCEL_ORDER");
    }

    @Test
    void once_the_shop_refuses_the_operators_token_the_console_asks_to_sign_in_again() throws Exception {
        MockHttpSession session = signIn("admin", "admin12345");

        mvc.perform(get("/orders/" + FakeShop.EXPIRED).session(session))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login?expired"));

        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void the_audit_page_shows_who_did_what() throws Exception {
        MockHttpSession session = signIn("admin", "admin12345");
        mvc.perform(
                post("/orders/" + FakeShop.RUNNING + "/cancel").session(session).with(csrf()));

        mvc.perform(get("/audit").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("CANCEL_ORDER")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(FakeShop.RUNNING)));
    }

    @Test
    void the_stuck_page_lists_an_undecided_order_with_its_age_what_it_waits_for_and_a_cancel_button() throws Exception {
        MockHttpSession session = signIn("admin", "admin12345");

        mvc.perform(get("/stuck").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"stuck\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(">" + FakeShop.RUNNING + "</a>")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("data-label=\"Age\"")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString("/orders/" + FakeShop.RUNNING + "/cancel")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("class=\"brand\"")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("id=\"none-stuck\""))));
    }

    private MockHttpSession signIn(String username, String password) throws Exception {
        MvcResult result = mvc.perform(formLogin("/login").user(username).password(password))
                .andExpect(redirectedUrl("/"))
                .andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }
}
