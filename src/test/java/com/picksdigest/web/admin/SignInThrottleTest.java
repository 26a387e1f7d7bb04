package com.picksdigest.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.editors.Passwords;
import com.picksdigest.editors.Role;
import com.picksdigest.support.MutableClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The sign-in throttle over real HTTP, behind a trusted proxy (PICKS_TRUST_PROXY=true), so each test names its
 * clients with X-Forwarded-For. Every password check goes through {@link CountingBcrypt}, which counts it.
 */
class SignInThrottleTest {
    /** Wrong passwords one client may try for one address in 15 minutes (README, sign-in). */
    private static final int PER_CLIENT_AND_ADDRESS = 5;
    /** Wrong passwords one client may try in 15 minutes, whatever the addresses. */
    private static final int PER_CLIENT = 20;

    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final CountingBcrypt bcrypt = new CountingBcrypt();
    static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static AdminStack stack;

    @BeforeAll
    static void start() {
        stack = new AdminStack(
                SignInThrottleTest.class,
                smtp.getSmtp().getPort(),
                clock,
                Map.of("PICKS_TRUST_PROXY", "true"),
                false,
                new Passwords(bcrypt));
        stack.editor("editor@example.org", Role.EDITOR);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void twoHundredParallelWrongPasswordsForOneAddressGetOnlyTheLimitOfChecks() {
        stack.editor("parallel@example.org", Role.EDITOR);
        int before = bcrypt.checks.get();

        List<Integer> statuses = parallelSignIns("198.51.100.10", 200, i -> "parallel@example.org");

        int checks = bcrypt.checks.get() - before;
        assertThat(checks).as("password checks").isEqualTo(PER_CLIENT_AND_ADDRESS);
        assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(checks);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(200 - checks);
    }

    @Test
    void twoHundredParallelWrongPasswordsForManyAddressesGetOnlyTheClientsLimitOfChecks() {
        int before = bcrypt.checks.get();

        List<Integer> statuses = parallelSignIns("198.51.100.11", 200, i -> "nobody" + i + "@example.org");

        int checks = bcrypt.checks.get() - before;
        assertThat(checks).as("password checks").isEqualTo(PER_CLIENT);
        assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(checks);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(200 - checks);
    }

    @Test
    void oneClientsFailuresBehindTheProxyLockOutNeitherAnotherClientNorAFreshOneForTheSameAddress() {
        stack.editor("attacked@example.org", Role.EDITOR);
        AdminHttp attacker = new AdminHttp(stack, "203.0.113.66");
        int refused = 0;
        for (int i = 0; i < 25; i++) {
            String email = i < PER_CLIENT_AND_ADDRESS ? "attacked@example.org" : "guess" + i + "@example.org";
            int status = attacker.signIn(email, "wrong password " + i).statusCode();
            assertThat(status).isIn(401, 429);
            if (status == 401) refused++;
        }
        assertThat(refused).as("wrong passwords checked for the attacker").isEqualTo(PER_CLIENT);
        assertThat(attacker.signIn("editor@example.org", AdminStack.PASSWORD).statusCode())
                .as("the attacker itself is stopped")
                .isEqualTo(429);

        // The same proxy connects for everyone: only X-Forwarded-For tells the clients apart.
        assertThat(new AdminHttp(stack, "203.0.113.67")
                        .signIn("editor@example.org", AdminStack.PASSWORD)
                        .statusCode())
                .as("another client behind the same proxy")
                .isEqualTo(303);
        assertThat(new AdminHttp(stack, "203.0.113.68")
                        .signIn("attacked@example.org", AdminStack.PASSWORD)
                        .statusCode())
                .as("a fresh client, the right password for the attacked address")
                .isEqualTo(303);
    }

    @Test
    void manyClientsFailingForOneAddressSlowEachOtherDownButNeverAFreshClient() {
        stack.editor("spread@example.org", Role.EDITOR);
        List<AdminHttp> guessers = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            AdminHttp g = new AdminHttp(stack, "192.0.2." + i);
            guessers.add(g);
            assertThat(g.signIn("spread@example.org", "wrong password " + i).statusCode())
                    .as("each client's first wrong password is checked")
                    .isEqualTo(401);
        }

        HttpResponse<String> again = guessers.get(0).signIn("spread@example.org", AdminStack.PASSWORD);
        assertThat(again.statusCode())
                .as("a client that failed waits its turn while the address is under attack")
                .isEqualTo(429);
        assertThat(again.headers().firstValue("Retry-After")).isPresent();
        long waitSeconds =
                Long.parseLong(again.headers().firstValue("Retry-After").orElseThrow());
        assertThat(waitSeconds).as("a slow-down, not a lockout").isBetween(1L, 60L);

        assertThat(new AdminHttp(stack, "192.0.2.99")
                        .signIn("spread@example.org", AdminStack.PASSWORD)
                        .statusCode())
                .as("a client with no failures signs in at once")
                .isEqualTo(303);

        clock.advance(Duration.ofSeconds(waitSeconds));
        assertThat(guessers.get(0)
                        .signIn("spread@example.org", AdminStack.PASSWORD)
                        .statusCode())
                .as("after the wait, the slowed client's right password works")
                .isEqualTo(303);
    }

    /** {@code n} sign-ins with wrong passwords, all in flight at once, from one client; their statuses. */
    private static List<Integer> parallelSignIns(String client, int n, IntFunction<String> email) {
        AdminHttp c = new AdminHttp(stack, client);
        String csrf = c.loginCsrf();
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        List<CompletableFuture<HttpResponse<Void>>> inFlight = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpRequest r = c.signInRequest(csrf, email.apply(i), "wrong password " + i);
            inFlight.add(http.sendAsync(r, HttpResponse.BodyHandlers.discarding()));
        }
        return inFlight.stream().map(f -> f.join().statusCode()).toList();
    }

    /**
     * bcrypt at the tests' low cost that counts every password check and takes as long as one at the production cost
     * (about a quarter of a second), so that parallel attempts overlap as they would in production.
     */
    static final class CountingBcrypt extends BCryptPasswordEncoder {
        final AtomicInteger checks = new AtomicInteger();

        CountingBcrypt() {
            super(4);
        }

        @Override
        protected boolean matchesNonNull(String rawPassword, String encodedPassword) {
            checks.incrementAndGet();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.matchesNonNull(rawPassword, encodedPassword);
        }
    }
}
