package dev.strata.application.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.IssueClientTokenCommand;
import dev.strata.application.identity.port.IssueClientTokenUseCase;
import dev.strata.domain.identity.InMemoryClientRegistry;
import dev.strata.domain.identity.InMemorySecretHasher;
import dev.strata.domain.identity.ServiceClient;
import dev.strata.domain.identity.port.SecretHasher;
import dev.strata.domain.shared.ClientId;
import dev.strata.domain.shared.Scope;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client-credentials check on fakes: no hash for malformed ids, the same work for unknown ones, busy when the pool is full. */
class IssueClientTokenServiceTest {
    private final AtomicInteger work = new AtomicInteger();
    private final InMemorySecretHasher real = new InMemorySecretHasher();
    private final SecretHasher counting = new SecretHasher() {
        @Override
        public String hash(String secret) {
            return real.hash(secret);
        }

        @Override
        public boolean verify(String secret, String storedHash) {
            work.incrementAndGet();
            return real.verify(secret, storedHash);
        }

        @Override
        public void burn(String secret) {
            work.incrementAndGet();
            real.burn(secret);
        }
    };
    private final PasswordHashing pool = new PasswordHashing(new InMemorySecretHasher(), 2, 8, Duration.ofSeconds(5));
    private final PasswordHashing hashing = pool.sharing(counting);
    private final InMemoryClientRegistry clients = new InMemoryClientRegistry();
    private final IssueClientTokenService service = new IssueClientTokenService(clients, hashing);
    private final TenantId tenant = new TenantId(UUID.randomUUID());
    private final ClientId id = ClientId.random();

    @AfterEach
    void close() {
        hashing.close();
        pool.close();
    }

    private void register() {
        TenantContext.runAs(tenant, () -> clients.save(new ServiceClient(id, tenant, "admin", Set.of(Scope.CACHE_READ),
                real.hash("the-secret"), Instant.now())));
    }

    private IssueClientTokenUseCase.TokenDecision issue(String clientId, String secret) {
        return service.issueClientToken(new IssueClientTokenCommand(clientId, secret, Optional.empty()));
    }

    @Test
    void aMalformedClientIdIsRefusedWithoutAnyHash() {
        for (String bad : new String[] {null, "", "sc_short", "xx_" + "a".repeat(22), "sc_" + "!".repeat(22), "sc_" + "a".repeat(500)}) {
            assertInstanceOf(IssueClientTokenUseCase.InvalidClient.class, issue(bad, "whatever"));
        }
        assertEquals(0, work.get());
        assertEquals(0, pool.hashesStarted(), "nothing reached the pool");
    }

    @Test
    void unknownAndKnownClientsSpendOneHashEachOnTheSharedPool() {
        register();
        assertInstanceOf(IssueClientTokenUseCase.InvalidClient.class, issue(ClientId.random().value(), "the-secret"));
        assertInstanceOf(IssueClientTokenUseCase.InvalidClient.class, issue(id.value(), "wrong"));
        assertInstanceOf(IssueClientTokenUseCase.Granted.class, issue(id.value(), "the-secret"));
        assertEquals(3, work.get());
        assertEquals(3, pool.hashesStarted(), "the view counts on the pool it shares");
    }

    @Test
    void aSaturatedPoolAnswersBusyAtOnceAndClosingTheViewKeepsThePool() throws Exception {
        register();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SecretHasher slow = new SecretHasher() {
            @Override
            public String hash(String secret) {
                return "h";
            }

            @Override
            public boolean verify(String secret, String storedHash) {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }

            @Override
            public void burn(String secret) {
                verify(secret, "");
            }
        };
        try (PasswordHashing tiny = new PasswordHashing(new InMemorySecretHasher(), 1, 0, Duration.ofSeconds(30))) {
            PasswordHashing view = tiny.sharing(slow);
            IssueClientTokenService busyService = new IssueClientTokenService(clients, view);
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                Future<?> occupying = caller.submit(() -> busyService.issueClientToken(
                        new IssueClientTokenCommand(id.value(), "x", Optional.empty())));
                assertTrue(started.await(5, TimeUnit.SECONDS));
                assertInstanceOf(IssueClientTokenUseCase.Busy.class, busyService.issueClientToken(
                        new IssueClientTokenCommand(ClientId.random().value(), "y", Optional.empty())));
                assertEquals(1, tiny.hashesRefused());
                view.close();
                release.countDown();
                occupying.get(10, TimeUnit.SECONDS);
                // the pool still runs after its view was closed
                Optional<String> again = Optional.empty();
                for (int i = 0; i < 500 && again.isEmpty(); i++) {
                    again = tiny.hash("again");
                    Thread.sleep(10);
                }
                assertTrue(again.isPresent());
            } finally {
                release.countDown();
                caller.shutdownNow();
            }
        }
    }
}
