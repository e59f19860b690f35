package dev.fakeecr.internal.server;

import dev.fakeecr.internal.journal.CallJournal;
import dev.fakeecr.internal.protocol.ClientScopes;
import dev.fakeecr.internal.protocol.EcrProtocol;
import dev.fakeecr.internal.protocol.SigningKeys;
import dev.fakeecr.internal.registry.Registries;
import dev.fakeecr.registry.AccountIds;
import dev.fakeecr.registry.RegistryConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar fake-ecr-<version>-standalone.jar [--port N] [--host H] [--default-account ID]
 * [--max-images-per-repository N]}: serves the fake until killed, for the AWS CLI, other languages and
 * other processes.
 */
public final class StandaloneMain {
    static final String USAGE = "usage: java -jar fake-ecr-standalone.jar [--port N (default 5000; 0 picks a free port)]"
            + " [--host ADDRESS (default 127.0.0.1)] [--default-account 12-DIGIT-ID (default 000000000000)]"
            + " [--max-images-per-repository N (default 100000)] [--layer-checks on|off (default on)]"
            + " [--layer-bytes-retained BYTES per account (default 67108864)]"
            + " [--credentials KEY:SECRET[,KEY:SECRET...]] [--strict-sigv4 (verify signatures; unknown keys refused)]"
            + " [--seed FILE.json (repositories and images to load at start)]";

    private StandaloneMain() {}

    public static void main(String[] args) throws InterruptedException {
        String host = "127.0.0.1";
        int port = 5000;
        String defaultAccount = "000000000000";
        RegistryConfig config = RegistryConfig.DEFAULTS;
        boolean strictSigV4 = false;
        Map<String, String> credentials = new LinkedHashMap<>();
        Path seed = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--help") || flag.equals("-h")) {
                    System.out.println(USAGE);
                    return;
                }
                if (flag.equals("--strict-sigv4")) {
                    strictSigV4 = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--port": port = Integer.parseInt(value); break;
                    case "--host": host = value; break;
                    case "--default-account":
                        if (!AccountIds.isValid(value)) {
                            throw new IllegalArgumentException("--default-account must be 12 digits: " + value);
                        }
                        defaultAccount = value;
                        break;
                    case "--max-images-per-repository":
                        config = config.withMaxImagesPerRepository(Integer.parseInt(value));
                        break;
                    case "--layer-bytes-retained": config = config.withLayerBytesRetained(Long.parseLong(value)); break;
                    case "--credentials":
                        for (String pair : value.split(",")) {
                            int colon = pair.indexOf(':');
                            if (colon < 1 || colon == pair.length() - 1) {
                                throw new IllegalArgumentException("--credentials takes KEY:SECRET[,KEY:SECRET]: " + pair);
                            }
                            credentials.put(pair.substring(0, colon), pair.substring(colon + 1));
                        }
                        break;
                    case "--seed": seed = Path.of(value); break;
                    case "--layer-checks":
                        if (!value.equals("on") && !value.equals("off")) {
                            throw new IllegalArgumentException("--layer-checks takes on or off: " + value);
                        }
                        config = config.withLayerChecks(value.equals("on"));
                        break;
                    default: throw new IllegalArgumentException("unknown option " + flag);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("fake-ecr: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
        Registries registries = new Registries(Clock.systemUTC(), config);
        if (seed != null) {
            try {
                System.out.println("fake-ecr: seeded " + SeedFile.load(seed, registries, defaultAccount) + " images from " + seed);
            } catch (IOException | RuntimeException e) {
                System.err.println("fake-ecr: cannot load the seed file " + seed + ": " + e.getMessage());
                System.exit(2);
            }
        }
        SigningKeys keys = new SigningKeys(strictSigV4);
        credentials.forEach((key, secret) -> keys.register(key, secret, false));
        EcrHttpServer server = EcrHttpServer.start(host, port,
                new EcrProtocol(registries, new ClientScopes(CallJournal.DEFAULT_CAPACITY), keys, defaultAccount));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "fake-ecr-shutdown"));
        System.out.println("fake-ecr listening on " + server.endpoint() + " (default account " + defaultAccount + ")");
        System.out.flush();
        stopped.await();
    }
}
