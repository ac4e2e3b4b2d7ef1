package dev.strata.application.sessions;

import dev.strata.application.sessions.port.VerifyAccessUseCase;
import dev.strata.application.sessions.port.VerifySessionUseCase;
import dev.strata.application.sessions.port.WatchAccessQuery;
import dev.strata.application.sessions.port.WatchAccessUseCase;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.StoreUnavailableException;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Service implementing {@link WatchAccessUseCase}. A watch ends its response on the first of: a revocation of
 * its client or session heard by this instance's {@link AccessView} (whichever instance revoked it: within the
 * channel's bound, which the revoker waits out before answering), the token's {@code exp}, or a periodic
 * re-check (every {@code recheckEvery}, and once at the start) that memory cannot vouch for and the stores
 * refuse — which covers revocations this instance missed while its channel was late or lost.
 *
 * <p>A re-check that cannot reach the stores keeps the response: a revocation is recorded in the stores
 * before it is broadcast, so none can be made while they are unreachable, and the broadcast is still heard.
 */
public class WatchAccessService implements WatchAccessUseCase {
    private static final System.Logger LOG = System.getLogger(WatchAccessService.class.getName());

    private final AccessView view;
    private final VerifyAccessUseCase access;
    private final VerifySessionUseCase sessions;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Duration recheckEvery;

    public WatchAccessService(AccessView view, VerifyAccessUseCase access, VerifySessionUseCase sessions, Clock clock,
                              ScheduledExecutorService scheduler, Duration recheckEvery) {
        if (recheckEvery.isNegative() || recheckEvery.isZero()) {
            throw new IllegalArgumentException("recheckEvery must be positive");
        }
        this.view = view;
        this.access = access;
        this.sessions = sessions;
        this.clock = clock;
        this.scheduler = scheduler;
        this.recheckEvery = recheckEvery;
    }

    @Override
    public Watch watch(WatchAccessQuery query, Runnable onEnd) {
        RunningWatch watch = new RunningWatch(TenantContext.require(), query, onEnd);
        watch.start();
        return watch;
    }

    private final class RunningWatch implements Watch {
        private final TenantId tenant;
        private final WatchAccessQuery query;
        private final Runnable onEnd;
        private final AtomicBoolean over = new AtomicBoolean();
        private volatile AutoCloseable revocations;
        private volatile ScheduledFuture<?> expiry;
        private volatile ScheduledFuture<?> recheck;

        RunningWatch(TenantId tenant, WatchAccessQuery query, Runnable onEnd) {
            this.tenant = tenant;
            this.query = query;
            this.onEnd = onEnd;
        }

        void start() {
            // the revocation watch first: a revocation heard from here on ends the response; one that came
            // between the request's check and this point is caught by the first re-check, which runs at once
            revocations = TenantContext.callAs(tenant, () -> query.client().isPresent()
                    ? view.watchClient(query.client().get().clientId().value(), this::endSoon)
                    : view.watchSession(query.session().get().sessionId().value(), this::endSoon));
            try {
                long untilExpiry = Duration.between(clock.now(), query.expiresAt()).toMillis();
                expiry = scheduler.schedule(this::end, Math.max(0, untilExpiry), TimeUnit.MILLISECONDS);
                recheck = scheduler.scheduleWithFixedDelay(this::recheck, 0, recheckEvery.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                end();
            }
            if (over.get()) {
                // ended while starting: what was set up after the end must not linger
                cancelTimers();
                stopListening();
            }
        }

        private void recheck() {
            if (over.get()) {
                return;
            }
            if (!clock.now().isBefore(query.expiresAt())) {
                end();
                return;
            }
            try {
                if (!TenantContext.callAs(tenant, this::stillAllowed)) {
                    end();
                }
            } catch (StoreUnavailableException e) {
                // no revocation can be recorded while the stores are unreachable; keep watching
                LOG.log(System.Logger.Level.DEBUG, "credential re-check skipped: stores unavailable");
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "credential re-check failed: " + e.getClass().getSimpleName());
                end();
            }
        }

        private boolean stillAllowed() {
            if (query.client().isPresent()) {
                return access.isKnownAllowed(query.client().get()) || access.isAllowed(query.client().get());
            }
            return sessions.isKnownLive(query.session().get()) || sessions.isLive(query.session().get());
        }

        /** Heard on the channel's thread, which must not block: the response is ended elsewhere. */
        private void endSoon() {
            if (over.get()) {
                return;
            }
            try {
                scheduler.execute(this::end);
            } catch (RejectedExecutionException shuttingDown) {
                end();
            }
        }

        private void end() {
            if (stop()) {
                onEnd.run();
            }
        }

        @Override
        public void close() {
            stop();
        }

        private boolean stop() {
            if (!over.compareAndSet(false, true)) {
                return false;
            }
            cancelTimers();
            stopListening();
            return true;
        }

        private void stopListening() {
            AutoCloseable watching = revocations;
            if (watching != null) {
                try {
                    watching.close();
                } catch (Exception e) {
                    // removing a watcher from a map cannot fail
                }
            }
        }

        private void cancelTimers() {
            ScheduledFuture<?> timer = expiry;
            if (timer != null) {
                timer.cancel(false);
            }
            timer = recheck;
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }
}
