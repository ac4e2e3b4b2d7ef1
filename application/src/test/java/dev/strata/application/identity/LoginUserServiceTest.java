package dev.strata.application.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.LoginUserCommand;
import dev.strata.application.identity.port.LoginUserUseCase;
import dev.strata.domain.identity.Email;
import dev.strata.domain.identity.InMemoryLoginAttempts;
import dev.strata.domain.identity.InMemorySecretHasher;
import dev.strata.domain.identity.InMemoryTenantDirectory;
import dev.strata.domain.identity.InMemoryUserDirectory;
import dev.strata.domain.identity.LockoutPolicy;
import dev.strata.domain.identity.Tenant;
import dev.strata.domain.identity.TenantSlug;
import dev.strata.domain.identity.User;
import dev.strata.domain.identity.port.SecretHasher;
import dev.strata.domain.sessions.InMemoryRefreshTokens;
import dev.strata.domain.sessions.InMemorySessionStore;
import dev.strata.domain.shared.MutableClock;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UserId;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Login on fakes: the same work for unknown accounts, lockout before the check, and a saturated pool answering busy. */
class LoginUserServiceTest {
    private static final String PASSWORD = "correct horse battery";
    private final MutableClock clock = new MutableClock();
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
    private final PasswordHashing hashing = new PasswordHashing(counting, 2, 8, Duration.ofSeconds(5));
    private final InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();
    private final LockoutPolicy lockout = new LockoutPolicy(3, Duration.ofMinutes(15), Duration.ofMinutes(15));
    private final java.util.List<UserId> toldOfLogins = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LoginUserService login = new LoginUserService(tenants, users, new InMemoryLoginAttempts(),
            new InMemorySessionStore(clock), new InMemoryRefreshTokens(), hashing, lockout, Duration.ofHours(24), clock,
            (tenant, user) -> {
                toldOfLogins.add(user);
                throw new IllegalStateException("a failing listener never fails the login");
            });
    private final TenantSlug slug = new TenantSlug("acme");
    private final Email email = new Email("ada@example.org");

    @AfterEach
    void close() {
        hashing.close();
    }

    private void givenUser() {
        TenantId tenant = TenantId.random();
        tenants.create(new Tenant(tenant, slug, clock.now()));
        TenantContext.runAs(tenant, () -> users.create(new User(UserId.random(), email, real.hash(PASSWORD), clock.now())));
    }

    @Test
    void unknownTenantsEmailsAndWrongPasswordsSpendOneCheckEachAndLookAlike() {
        givenUser();
        LoginUserUseCase.LoginResult wrong = login.login(new LoginUserCommand(slug, email, "wrong password"));
        LoginUserUseCase.LoginResult unknown = login.login(new LoginUserCommand(slug, new Email("bob@example.org"), PASSWORD));
        LoginUserUseCase.LoginResult noTenant = login.login(new LoginUserCommand(new TenantSlug("nobody"), email, PASSWORD));
        assertEquals(new LoginUserUseCase.InvalidCredentials(), wrong);
        assertEquals(wrong, unknown);
        assertEquals(wrong, noTenant);
        assertEquals(3, work.get(), "every refusal cost one password check");
        assertEquals(0, toldOfLogins.size(), "refused logins tell the listener nothing");
        LoginUserUseCase.LoggedIn in = assertInstanceOf(LoginUserUseCase.LoggedIn.class,
                login.login(new LoginUserCommand(slug, email, PASSWORD)));
        assertEquals(java.util.List.of(in.userId()), toldOfLogins, "the listener hears of the successful login");
    }

    @Test
    void afterMaxFailuresEvenTheRightPasswordIsLockedOutWithoutACheck() {
        givenUser();
        for (int i = 0; i < 3; i++) {
            login.login(new LoginUserCommand(slug, email, "wrong password"));
        }
        int before = work.get();
        LoginUserUseCase.LoginResult locked = login.login(new LoginUserCommand(slug, email, PASSWORD));
        assertEquals(clock.now().plus(lockout.duration()), assertInstanceOf(LoginUserUseCase.LockedOut.class, locked).until());
        assertEquals(before, work.get(), "no password was checked");
        clock.advance(lockout.duration().plusSeconds(1));
        assertInstanceOf(LoginUserUseCase.LoggedIn.class, login.login(new LoginUserCommand(slug, email, PASSWORD)));
    }

    @Test
    void aSaturatedPoolAnswersBusyAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        SecretHasher slow = new SecretHasher() {
            @Override
            public String hash(String secret) {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "h";
            }

            @Override
            public boolean verify(String secret, String storedHash) {
                return false;
            }

            @Override
            public void burn(String secret) {
            }
        };
        try (PasswordHashing tiny = new PasswordHashing(slow, 1, 0, Duration.ofSeconds(30))) {
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                Future<?> occupying = caller.submit(() -> tiny.hash("first"));
                assertTrue(started.await(5, java.util.concurrent.TimeUnit.SECONDS));
                assertTrue(tiny.hash("second").isEmpty(), "no thread and no queue left: busy");
                assertTrue(tiny.verify("x", "y").isEmpty());
                release.countDown();
                occupying.get();
                // the worker takes a moment to come back for work after finishing; then the pool serves again
                java.util.Optional<String> third = java.util.Optional.empty();
                for (int i = 0; i < 500 && third.isEmpty(); i++) {
                    third = tiny.hash("third");
                    Thread.sleep(10);
                }
                assertEquals("h", third.orElseThrow());
            } finally {
                caller.shutdownNow();
            }
        }
    }
}
