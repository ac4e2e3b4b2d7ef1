package dev.strata.bootstrap;

import io.micronaut.runtime.Micronaut;

/** Entry point: {@code java -jar strata.jar} serves; {@code java -jar strata.jar admin ...} runs an admin command and exits. */
public final class Strata {
    private Strata() {
    }

    public static void main(String[] args) {
        JulLogging.install();
        if (args.length > 0 && "admin".equals(args[0])) {
            System.exit(AdminCommand.run(args));
        }
        Micronaut.build(args).mainClass(Strata.class).banner(false).start();
    }
}
