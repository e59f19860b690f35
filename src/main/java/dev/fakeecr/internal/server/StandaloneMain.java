package dev.fakeecr.internal.server;

import dev.fakeecr.registry.EcrError;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar fake-ecr-<version>-standalone.jar [options]}: serves the fake until killed, for the AWS
 * CLI, other languages and other processes. Each option is a {@link ServerOptions} setting, so the jar has
 * every setting the library's server has.
 */
public final class StandaloneMain {
    static final String USAGE = "usage: java -jar fake-ecr-standalone.jar [--port N (default 5000; 0 picks a free port)]"
            + " [--host ADDRESS (default 127.0.0.1)] [--default-account 12-DIGIT-ID (default 000000000000)]"
            + " [--max-images-per-repository N (default 100000)] [--layer-checks on|off (default on)]"
            + " [--layer-bytes-retained BYTES of layers on the heap per account, the rest in temporary files (default 67108864)]"
            + " [--journal-capacity CALLS per account (default 1000)]"
            + " [--read-timeout SECONDS a connection may send nothing (default 20)]"
            + " [--layer-heap-budget BYTES of layers on the heap across all accounts, the rest in temporary files"
            + " (default 268435456)]"
            + " [--admin-token TOKEN (every admin path but health then needs it in X-Fake-Ecr-Admin-Token)]"
            + " [--release-idle-accounts SECONDS (release accounts no request reached for that long; default never)]"
            + " [--fixed-clock INSTANT (e.g. 2026-01-01T00:00:00Z; default the system clock)]"
            + " [--credentials KEY:SECRET[,KEY:SECRET...]] [--strict-sigv4 (verify signatures; unknown keys refused)]"
            + " [--seed FILE.json (repositories and images to load at start)]"
            + "\nThe same port serves the ECR API (POST /) and ECR's registry endpoint (/v2/): push and pull with skopeo,"
            + " Jib or docker as user AWS with the password of 'aws ecr get-login-password --endpoint-url http://HOST:PORT'"
            + " (plain HTTP: use the client's insecure-registry option).";

    private StandaloneMain() {}

    public static void main(String[] args) throws InterruptedException {
        ServerOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fake-ecr: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(USAGE);
            return;
        }
        EcrServer server;
        try {
            server = EcrServer.start(options);
        } catch (UncheckedIOException | IllegalArgumentException | EcrError e) {
            System.err.println("fake-ecr: cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "fake-ecr-shutdown"));
        System.out.println("fake-ecr listening on " + server.endpoint() + " (default account "
                + options.defaultAccountId() + ")");
        System.out.flush();
        stopped.await();
    }

    /** The options the flags set, or null when the flags ask for help. */
    static ServerOptions parse(String[] args) {
        ServerOptions options = new ServerOptions().port(5000);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            if (flag.equals("--strict-sigv4")) {
                options.strictSigV4();
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--port": options.port(integer(flag, value)); break;
                case "--host": options.host(value); break;
                case "--default-account": options.defaultAccountId(value); break;
                case "--max-images-per-repository":
                    options.config(options.config().withMaxImagesPerRepository(integer(flag, value)));
                    break;
                case "--layer-bytes-retained":
                    options.config(options.config().withLayerBytesRetained(longValue(flag, value)));
                    break;
                case "--layer-checks":
                    if (!value.equals("on") && !value.equals("off")) {
                        throw new IllegalArgumentException("--layer-checks takes on or off: " + value);
                    }
                    options.config(options.config().withLayerChecks(value.equals("on")));
                    break;
                case "--journal-capacity": options.journalCapacity(integer(flag, value)); break;
                case "--release-idle-accounts":
                    options.releaseIdleAccountsAfter(java.time.Duration.ofSeconds(integer(flag, value)));
                    break;
                case "--admin-token": options.adminToken(value); break;
                case "--read-timeout": options.readTimeout(java.time.Duration.ofSeconds(integer(flag, value))); break;
                case "--layer-heap-budget": options.layerHeapBudget(longValue(flag, value)); break;
                case "--fixed-clock":
                    try {
                        options.clock(Clock.fixed(Instant.parse(value), ZoneOffset.UTC));
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("--fixed-clock takes an ISO-8601 instant: " + value);
                    }
                    break;
                case "--credentials":
                    for (String pair : value.split(",")) {
                        int colon = pair.indexOf(':');
                        if (colon < 1 || colon == pair.length() - 1) {
                            throw new IllegalArgumentException("--credentials takes KEY:SECRET[,KEY:SECRET]: " + pair);
                        }
                        options.credentials(pair.substring(0, colon), pair.substring(colon + 1));
                    }
                    break;
                case "--seed": options.seedFile(Path.of(value)); break;
                default: throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return options;
    }

    private static int integer(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a number: " + value);
        }
    }

    private static long longValue(String flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a number: " + value);
        }
    }
}
