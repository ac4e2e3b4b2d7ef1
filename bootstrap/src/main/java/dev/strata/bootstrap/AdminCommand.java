package dev.strata.bootstrap;

import dev.strata.application.identity.port.CreateTenantCommand;
import dev.strata.application.identity.port.CreateTenantUseCase;
import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.identity.TenantSlug;
import dev.strata.domain.shared.DomainException;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;

/**
 * Admin command line, run against the configured Postgres without starting the HTTP server.
 * {@code admin create-tenant <slug>} prints {@code tenantId=}, {@code clientId=} and
 * {@code clientSecret=} lines (the secret is shown once; only its hash is stored).
 */
final class AdminCommand {
    private static final String USAGE = "usage: java -jar strata.jar admin create-tenant <slug>";

    private AdminCommand() {
    }

    static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 3 || !"create-tenant".equals(args[1])) {
            err.println(USAGE);
            return 2;
        }
        TenantSlug slug;
        try {
            slug = new TenantSlug(args[2]);
        } catch (DomainException e) {
            err.println("invalid slug: " + e.getMessage());
            return 2;
        }
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .environments("cli").start()) {
            TenantCreated created = context.getBean(CreateTenantUseCase.class).createTenant(new CreateTenantCommand(slug));
            out.println("tenantId=" + created.tenantId());
            out.println("clientId=" + created.admin().clientId());
            out.println("clientSecret=" + created.admin().clientSecret());
            return 0;
        } catch (DomainException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("error: could not create the tenant: " + e.getMessage());
            return 1;
        }
    }
}
