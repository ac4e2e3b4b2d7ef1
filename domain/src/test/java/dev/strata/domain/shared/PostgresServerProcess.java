package dev.strata.domain.shared;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test support: a throwaway PostgreSQL cluster of the test's own (initdb + pg_ctl from the installed binaries, on
 * its own port, run as the {@code postgres} OS user when the test runs as root), with Strata's two roles and a
 * database with pgvector, which the test may stop, start and freeze (never the shared one). Fails, never skips,
 * when the binaries are missing.
 */
public final class PostgresServerProcess implements AutoCloseable {
    private static final Path BIN = Path.of(System.getProperty("strata.test.pg-bin", "/usr/lib/postgresql/15/bin"));
    public static final String DATABASE = "strata";
    public static final String SERVING_USER = "strata";
    public static final String SERVING_PASSWORD = "strata";
    public static final String OWNER_USER = "strata_owner";
    public static final String OWNER_PASSWORD = "strata_owner";

    private final int port;
    private final Path dir;
    private final boolean root;

    private PostgresServerProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
        this.root = "root".equals(System.getProperty("user.name"));
    }

    /** Creates, starts and provisions a new cluster. */
    public static PostgresServerProcess start() throws IOException {
        Path dir = Files.createTempDirectory("strata-pg-test");
        PostgresServerProcess pg = new PostgresServerProcess(freePort(), dir);
        if (pg.root) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
        }
        pg.runAsOwner(List.of(BIN.resolve("initdb").toString(), "-D", pg.data().toString(), "-U", "postgres",
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync"));
        try {
            pg.startAgain();
            pg.psql("postgres", "create role " + OWNER_USER + " login password '" + OWNER_PASSWORD + "' nosuperuser nobypassrls nocreaterole nocreatedb;"
                    + "create role " + SERVING_USER + " login password '" + SERVING_PASSWORD + "' nosuperuser nobypassrls nocreaterole nocreatedb;");
            pg.psql("postgres", "create database " + DATABASE + " owner " + OWNER_USER);
            pg.psql(DATABASE, "create extension if not exists vector; create extension if not exists pg_prewarm;");
            return pg;
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** Starts the (stopped) cluster and waits until it accepts connections. */
    public void startAgain() {
        runAsOwner(List.of(BIN.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", dir.resolve("postgres.log").toString(),
                "-w", "-t", "30", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB -c max_connections=60",
                "start"));
    }

    /** Stops the cluster (fast shutdown: sessions are ended, as in an operator's stop or a failover). */
    public void stop() {
        runAsOwner(List.of(BIN.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t", "30", "stop"));
    }

    /** Freezes every process of the cluster (SIGSTOP): sockets stay open but nothing is answered. */
    public void freeze() {
        signalAll("-STOP");
    }

    /** Resumes a frozen cluster (SIGCONT). */
    public void thaw() {
        signalAll("-CONT");
    }

    private void signalAll(String which) {
        long postmaster = postmasterPid();
        List<String> command = new ArrayList<>(List.of("kill", which, String.valueOf(postmaster)));
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(child -> command.add(String.valueOf(child.pid()))));
        run(command);
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new IllegalStateException("postgres is not running", e);
        }
    }

    private void psql(String database, String sql) {
        runAsOwner(List.of(BIN.resolve("psql").toString(), "-q", "-v", "ON_ERROR_STOP=1", "-h", dir.toString(), "-p",
                String.valueOf(port), "-U", "postgres", "-d", database, "-c", sql));
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void runAsOwner(List<String> command) {
        if (!root) {
            run(command);
            return;
        }
        List<String> asPostgres = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        asPostgres.addAll(command);
        run(asPostgres);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            thaw();
        } catch (RuntimeException notRunning) {
            // already stopped
        }
        try {
            runAsOwner(List.of(BIN.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
        } catch (RuntimeException notRunning) {
            // already stopped
        }
        try {
            run(List.of("rm", "-rf", dir.toString()));
        } catch (RuntimeException ignored) {
            // a temp dir left behind is harmless
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
