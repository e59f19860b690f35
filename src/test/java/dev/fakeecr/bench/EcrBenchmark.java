package dev.fakeecr.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.registry.RegistryConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/**
 * fake-ecr's benchmark: per-call cost against the floors, first use in a fresh JVM, per-test cost,
 * scale to ECR's quota, parallel throughput, and moto side by side. Every comparison is a ratio measured
 * in the same run; each figure is the median of repeated trials, with min and max.
 *
 * <p>{@code mvn -B -q -Pbench test-compile exec:exec} ({@code -Dbench.quick=true} for a short run).
 * Prints a table and writes it to {@code target/benchmark/results.md}.
 */
public final class EcrBenchmark {
    private static final boolean QUICK = Boolean.getBoolean("bench.quick");
    private static final int TRIALS = QUICK ? 3 : 5;
    private static final int CALLS = QUICK ? 300 : 1500;
    private static final int WARM_UP_CALLS = QUICK ? 500 : 5000;
    private static final AtomicLong UNIQUE = new AtomicLong();
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private EcrBenchmark() {}

    public static void main(String[] args) throws Exception {
        EcrBenchmark bench = new EcrBenchmark();
        List<String> sections = List.of(System.getProperty("bench.sections",
                "perCall,firstUse,perTest,parallel,scale,lifecycle,moto,registry").split(","));
        if (sections.contains("perCall")) {
            bench.perCall();
        }
        if (sections.contains("firstUse")) {
            bench.firstUse();
        }
        if (sections.contains("perTest")) {
            bench.perTest();
        }
        if (sections.contains("parallel")) {
            bench.parallel();
        }
        if (sections.contains("scale")) {
            bench.scale();
        }
        if (sections.contains("lifecycle")) {
            bench.lifecycle();
        }
        if (sections.contains("moto")) {
            bench.moto();
        }
        if (sections.contains("registry")) {
            bench.registry();
        }
        if (sections.contains("soak")) {
            bench.soak();
        }
        bench.report();
        System.exit(0);
    }

    // ---- measuring ----------------------------------------------------------------------------------------

    /** A figure over trials: the median, with min and max. */
    record Figure(double median, double min, double max) {
        static Figure of(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return new Figure(sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", median, min, max);
        }
    }

    /** Latencies in ms of {@code n} calls after {@code n / 4} warm-up calls: p50 and p99. */
    static double[] latencies(IntConsumer call, int n) {
        for (int i = 0; i < n / 4; i++) {
            call.accept(i);
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.accept(i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[n / 2], ms[(int) (n * 0.99)]};
    }

    private static String manifest() {
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1470,"
                + "\"digest\":\"sha256:" + String.format("%064x", UNIQUE.incrementAndGet()) + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":3208942,"
                + "\"digest\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"}]}";
    }

    private static EcrClient client(URI endpoint, String account, SdkHttpClient http) {
        return EcrClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "x")))
                .httpClient(http).build();
    }

    private static final RegistryConfig SYNTHETIC = RegistryConfig.DEFAULTS.withLayerChecks(false);

    private void row(String measure, String fake, String floor, double ratio, String target, boolean met) {
        rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %.2f× | %s | %s |", measure, fake, floor, ratio, target,
                met ? "met" : "**missed**"));
        System.out.println(rows.get(rows.size() - 1));
    }

    private void info(String measure, String value) {
        rows.add("| " + measure + " | " + value + " | | | | |");
        System.out.println(rows.get(rows.size() - 1));
    }

    /** The registry endpoint's figures (its own class: skopeo runs, a 1 GiB push). */
    private void registry() throws Exception {
        new RegistryBench(new RegistryBench.Rows() {
            @Override
            public void row(String measure, String fake, String floor, double ratio, String target, boolean met) {
                EcrBenchmark.this.row(measure, fake, floor, ratio, target, met);
            }

            @Override
            public void info(String measure, String value) {
                EcrBenchmark.this.info(measure, value);
            }
        }, TRIALS, CALLS).run();
    }

    // ---- 1. per call ---------------------------------------------------------------------------------------

    private void perCall() throws Exception {
        int targets = 6;
        double[][] put = new double[targets][TRIALS];
        double[][] put99 = new double[targets][TRIALS];
        double[][] get = new double[targets][TRIALS];
        com.github.tomakehurst.wiremock.WireMockServer staticStub = Floors.staticWireMockStub();
        // One server, both transports: its handle's clients go in memory, the Apache client over its HTTP port.
        try (FakeEcrServer server = FakeEcrServer.builder().inMemoryTransport().start();
             FakeEcr fake = server.account("111111111111", "us-east-1", SYNTHETIC);
             Floors.CannedServer canned = new Floors.CannedServer(2);
             SdkHttpClient apache = Apache5HttpClient.create();
             EcrClient inMemory = fake.client()) {
            fake.createRepository("app");
            fake.putImage("app", "get-me", manifest());
            EcrClient[] clients = {
                client(server.endpoint(), "111111111111", apache),
                client(canned.endpoint(), "111111111111", apache),
                client(URI.create("http://127.0.0.1:1"), "111111111111", new Floors.InMemoryHttpClient()),
                client(URI.create("http://127.0.0.1:" + staticStub.port()), "111111111111", apache),
                inMemory,
                client(URI.create("http://127.0.0.1:1"), "111111111111", new Floors.InMemoryHttpClient(
                        target -> target != null && target.endsWith("PutImage") ? Floors.realSizeAnswer(manifest())
                                : Floors.cannedAnswer(target)))};
            // Steady state is what a suite lives in after its first tests: let the JIT compile every target's
            // path before any trial counts (a cold first trial otherwise skews the medians).
            for (int target = 0; target < targets; target++) {
                EcrClient c = clients[target];
                latencies(i -> c.putImage(r -> r.repositoryName("app").imageTag("t" + UNIQUE.get())
                        .imageManifest(manifest())), WARM_UP_CALLS);
                latencies(i -> c.batchGetImage(r -> r.repositoryName("app")
                        .imageIds(ImageIdentifier.builder().imageTag("get-me").build())), WARM_UP_CALLS);
            }
            for (int trial = 0; trial < TRIALS; trial++) {
                for (int target = 0; target < targets; target++) { // interleaved, so noise hits all alike
                    EcrClient c = clients[target];
                    double[] p = latencies(i -> c.putImage(r -> r.repositoryName("app").imageTag("t" + UNIQUE.get())
                            .imageManifest(manifest())), CALLS);
                    put[target][trial] = p[0];
                    put99[target][trial] = p[1];
                    get[target][trial] = latencies(i -> c.batchGetImage(r -> r.repositoryName("app")
                            .imageIds(ImageIdentifier.builder().imageTag("get-me").build())), CALLS)[0];
                }
            }
        }
        Figure fakePut = Figure.of(put[0]);
        Figure cannedPut = Figure.of(put[1]);
        row("PutImage p50, ms, HTTP (vs canned JDK server)", fakePut.toString(), cannedPut.toString(),
                fakePut.median / cannedPut.median, "≤ 1.2×", fakePut.median / cannedPut.median <= 1.2);
        Figure fakeGet = Figure.of(get[0]);
        Figure cannedGet = Figure.of(get[1]);
        row("BatchGetImage p50, ms, HTTP (vs canned JDK server)", fakeGet.toString(), cannedGet.toString(),
                fakeGet.median / cannedGet.median, "≤ 1.2×", fakeGet.median / cannedGet.median <= 1.2);
        Figure alone = Figure.of(put[2]);
        Figure memoryPut = Figure.of(put[4]);
        row("PutImage p50, ms, in-memory transport (vs the SDK alone, canned in-memory HTTP client)",
                memoryPut.toString(), alone.toString(), memoryPut.median / alone.median, "≤ 1.5×",
                memoryPut.median / alone.median <= 1.5);
        Figure aloneGet = Figure.of(get[2]);
        Figure memoryGet = Figure.of(get[4]);
        row("BatchGetImage p50, ms, in-memory transport (vs the SDK alone)", memoryGet.toString(),
                aloneGet.toString(), memoryGet.median / aloneGet.median, "≤ 1.5×",
                memoryGet.median / aloneGet.median <= 1.5);
        info("PutImage p99, ms: HTTP / in-memory / canned / SDK alone", Figure.of(put99[0]) + " / "
                + Figure.of(put99[4]) + " / " + Figure.of(put99[1]) + " / " + Figure.of(put99[2]));
        info("PutImage p50, ms: SDK alone (canned in-memory HTTP client)", alone + String.format(Locale.ROOT,
                "; the fake over HTTP is %.2f× this, in memory %.2f×", fakePut.median / alone.median,
                memoryPut.median / alone.median));
        Figure realSize = Figure.of(put[5]);
        info("PutImage p50, ms: SDK alone answered at real size (the manifest echoed, as the fake and ECR answer)",
                realSize + String.format(Locale.ROOT, "; %.2f× the SDK alone with the canned answer",
                        realSize.median / alone.median));
        Figure stub = Figure.of(put[3]);
        info("PutImage p50, ms: a static WireMock stub (WireMock's own floor)", stub + String.format(Locale.ROOT,
                "; the fake over HTTP is %.2f× this, the stub %.2f× the canned server", fakePut.median / stub.median,
                stub.median / cannedPut.median));
        staticStub.stop();
    }

    // ---- 2. first use ----------------------------------------------------------------------------------------

    private double[] childRuns(String which, String... jvmFlags) throws Exception {
        double[] ms = new double[TRIALS];
        for (int i = 0; i < TRIALS; i++) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(jvmFlags));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstUse.class.getName(), which));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            String[] lines = out.split("\n");
            ms[i] = Double.parseDouble(lines[lines.length - 1]);
        }
        return ms;
    }

    private void firstUse() throws Exception {
        Figure fake = Figure.of(childRuns("fake"));
        Figure inMemory = Figure.of(childRuns("fake-in-memory"));
        Figure canned = Figure.of(childRuns("canned"));
        row("First use in a fresh JVM, ms, HTTP (server start + client build + first PutImage)", fake.toString(),
                canned.toString(), fake.median / canned.median, "≤ 1.5×", fake.median / canned.median <= 1.5);
        row("First use in a fresh JVM, ms, in-memory transport (vs the same with the canned JDK server)",
                inMemory.toString(), canned.toString(), inMemory.median / canned.median, "≤ 1.2×",
                inMemory.median / canned.median <= 1.2);
        Figure tuned = Figure.of(childRuns("fake", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        info("First use with -XX:TieredStopAtLevel=1 -XX:+UseSerialGC, ms", tuned + String.format(Locale.ROOT,
                " (%.2f× the default flags)", tuned.median / fake.median));
    }

    // ---- 3. per test -------------------------------------------------------------------------------------------

    static final int SUITE = 400;

    /** A suite of trivial tests that take the handle. */
    public static class WithHandle {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().build();

        @RepeatedTest(SUITE)
        void test(FakeEcr fake) {}
    }

    /** The same with an injected client. */
    public static class WithClient {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().build();

        @RepeatedTest(SUITE)
        void test(EcrClient ecr) {}
    }

    /** The same tests without the extension. */
    public static class Plain {
        @RepeatedTest(SUITE)
        void test() {}
    }

    private static double suiteMs(Class<?> fixture) {
        long t = System.nanoTime();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
        return (System.nanoTime() - t) / 1e6;
    }

    private void perTest() {
        // The server starts once per run; measure what each test adds once it is up.
        suiteMs(WithHandle.class);
        suiteMs(WithClient.class);
        suiteMs(Plain.class);
        double[] handle = new double[TRIALS];
        double[] client = new double[TRIALS];
        for (int i = 0; i < TRIALS; i++) {
            double plain = suiteMs(Plain.class);
            handle[i] = (suiteMs(WithHandle.class) - plain) / SUITE;
            client[i] = (suiteMs(WithClient.class) - plain) / SUITE;
        }
        Figure perTest = Figure.of(handle);
        row("Per-test cost of the extension (fresh account, handle), ms", perTest.toString(), "1 ms target",
                perTest.median / 1.0, "< 1 ms", perTest.median < 1.0);
        info("Per-test cost with an injected EcrClient (built per test), ms", Figure.of(client).toString());
        notes.add("Per-test cost includes the extension's server start in each EngineTestKit run (the server lives"
                + " in the run's root store, and each kit run is a run); it is divided over " + SUITE + " tests.");
    }

    // ---- 4. parallel ---------------------------------------------------------------------------------------------

    private static double throughput(int threads, URI endpoint, boolean ownAccounts, FakeEcrServer server,
                                     Duration duration) throws Exception {
        return throughput(threads, ownAccounts, server, duration, (account, fake, http) -> client(endpoint, account, http));
    }

    /** How a thread of {@link #throughput} gets its client: its account, its handle (or null), the shared Apache client. */
    interface ClientFor {
        EcrClient client(String account, FakeEcr fake, SdkHttpClient http);
    }

    private static double throughput(int threads, boolean ownAccounts, FakeEcrServer server, Duration duration,
                                     ClientFor clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger calls = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        SdkHttpClient http = Apache5HttpClient.create();
        resources.add(http);
        long end = System.nanoTime() + duration.toNanos();
        for (int t = 0; t < threads; t++) {
            String account = String.valueOf(200000000000L + t);
            FakeEcr fake = null;
            if (ownAccounts) {
                fake = server.account(account, "us-east-1", SYNTHETIC);
                fake.createRepository("app");
                resources.add(fake);
            }
            EcrClient c = clients.client(account, fake, http);
            resources.add(c);
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    c.putImage(r -> r.repositoryName("app").imageTag("t" + UNIQUE.incrementAndGet()).imageManifest(manifest()));
                    calls.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        for (AutoCloseable r : resources) {
            r.close();
        }
        return calls.get() / (duration.toNanos() / 1e9);
    }

    private void parallel() throws Exception {
        Duration d = Duration.ofSeconds(QUICK ? 2 : 4);
        double[] fake8 = new double[TRIALS];
        double[] fake1 = new double[TRIALS];
        double[] canned8 = new double[TRIALS];
        double[] memory8 = new double[TRIALS];
        double[] alone8 = new double[TRIALS];
        ClientFor inMemory = (account, fake, http) -> fake.clientBuilder().build();
        ClientFor sdkAlone = (account, fake, http) ->
                client(URI.create("http://127.0.0.1:1"), account, new Floors.InMemoryHttpClient());
        try (FakeEcrServer server = FakeEcrServer.start(); Floors.CannedServer canned = new Floors.CannedServer(8);
             FakeEcrServer memoryServer = FakeEcrServer.builder().inMemoryTransport().start()) {
            Duration warmUp = Duration.ofSeconds(QUICK ? 1 : 3); // untimed: let the JIT compile every path
            throughput(8, server.endpoint(), true, server, warmUp);
            throughput(1, server.endpoint(), true, server, warmUp);
            throughput(8, canned.endpoint(), false, null, warmUp);
            throughput(8, true, memoryServer, warmUp, inMemory);
            throughput(8, false, null, warmUp, sdkAlone);
            for (int i = 0; i < TRIALS; i++) {
                fake8[i] = throughput(8, server.endpoint(), true, server, d);
                fake1[i] = throughput(1, server.endpoint(), true, server, d);
                canned8[i] = throughput(8, canned.endpoint(), false, null, d);
                memory8[i] = throughput(8, true, memoryServer, d, inMemory);
                alone8[i] = throughput(8, false, null, d, sdkAlone);
            }
        }
        Figure f8 = Figure.of(fake8);
        Figure c8 = Figure.of(canned8);
        row("PutImage calls/s, 8 threads, HTTP (vs canned JDK server, 8 threads)", f8.toString(), c8.toString(),
                f8.median / c8.median, "≥ 0.9×", f8.median / c8.median >= 0.9);
        Figure m8 = Figure.of(memory8);
        Figure a8 = Figure.of(alone8);
        row("PutImage calls/s, 8 threads, in-memory transport (vs the SDK alone, 8 threads)", m8.toString(),
                a8.toString(), m8.median / a8.median, "≥ 0.8×", m8.median / a8.median >= 0.8);
        info("PutImage calls/s, 1 thread against the fake over HTTP", Figure.of(fake1) + String.format(Locale.ROOT,
                " (8 threads give %.2f× this, on %d cores)", f8.median / Figure.of(fake1).median,
                Runtime.getRuntime().availableProcessors()));
    }

    // ---- 5. scale -----------------------------------------------------------------------------------------------

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void scale() throws Exception {
        int images = QUICK ? 20_000 : 100_000;
        try (FakeEcrServer server = FakeEcrServer.start();
             FakeEcr fake = server.account("333333333333", "us-east-1", SYNTHETIC)) {
            fake.createRepository("small");
            fake.createRepository("big");
            EcrClient c = fake.client();
            for (int i = 0; i < 100; i++) {
                fake.putImage("small", "t" + i, manifest());
            }
            long before = usedHeap();
            long manifestBytes = 0;
            for (int i = 0; i < images - 300; i++) {
                String m = manifest();
                manifestBytes += m.length() + 40; // compact Latin-1 string: bytes plus String and array headers
                fake.putImage("big", "t" + i, m);
            }
            long perImage = (usedHeap() - before - manifestBytes) / (images - 300);
            double[] atSmall = new double[TRIALS];
            double[] atBig = new double[TRIALS];
            for (int i = 0; i < TRIALS; i++) {
                atSmall[i] = latencies(n -> c.putImage(r -> r.repositoryName("small").imageTag("x" + UNIQUE.get())
                        .imageManifest(manifest())), 40)[0];
                atBig[i] = latencies(n -> c.putImage(r -> r.repositoryName("big").imageTag("x" + UNIQUE.get())
                        .imageManifest(manifest())), 40)[0];
            }
            Figure small = Figure.of(atSmall);
            Figure big = Figure.of(atBig);
            row("PutImage p50 at " + images + " images vs at 100, ms", big.toString(), small.toString(),
                    big.median / small.median, "≤ 1.25×", big.median / small.median <= 1.25);
            row("Heap per image beyond the manifest bytes, bytes", String.valueOf(perImage), "2048 target",
                    perImage / 2048.0, "< 2 KiB", perImage < 2048);
            long t = System.nanoTime();
            final int[] listed = {0};
            c.listImagesPaginator(r -> r.repositoryName("big").maxResults(1000)).imageIds().forEach(id -> listed[0]++);
            double listMs = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            final int[] described = {0};
            c.describeImagesPaginator(r -> r.repositoryName("big").maxResults(1000)).imageDetails().forEach(d -> described[0]++);
            double describeMs = (System.nanoTime() - t) / 1e6;
            info("Full ListImages / DescribeImages pagination of " + listed[0] + " / " + described[0] + " images, ms",
                    String.format(Locale.ROOT, "%.0f / %.0f", listMs, describeMs));
        }
    }

    // ---- lifecycle policies at ECR's quota ------------------------------------------------------------------

    /** Four rules of the usual kinds: keep N prod images, expire old untagged ones, archive old RCs, expire the rest. */
    private static final String LIFECYCLE_POLICY = "{\"rules\":["
            + "{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"prod\"],"
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":1000},\"action\":{\"type\":\"expire\"}},"
            + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
            + "\"countUnit\":\"days\",\"countNumber\":30},\"action\":{\"type\":\"expire\"}},"
            + "{\"rulePriority\":3,\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*-rc*\"],"
            + "\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},"
            + "\"action\":{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}},"
            + "{\"rulePriority\":4,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\","
            + "\"countUnit\":\"days\",\"countNumber\":60},\"action\":{\"type\":\"expire\"}}]}";

    /**
     * A preview (StartLifecyclePolicyPreview and the first page of GetLifecyclePolicyPreview, over HTTP) and a
     * run of a four-rule policy on a repository of ECR's quota, each against one full DescribeImages pagination
     * (maxResults 1000) of the same repository in the same trial: evaluating a policy must not cost more than
     * reading the repository once. Each trial builds its repository afresh (a run changes it).
     */
    private void lifecycle() throws Exception {
        int images = QUICK ? 20_000 : 100_000;
        double[] describeMs = new double[TRIALS];
        double[] previewMs = new double[TRIALS];
        double[] applyMs = new double[TRIALS];
        int acted = 0;
        try (FakeEcrServer server = FakeEcrServer.start()) {
            for (int trial = 0; trial < TRIALS; trial++) {
                try (FakeEcr fake = server.account(String.valueOf(600_000_000_000L + trial), "us-east-1", SYNTHETIC)) {
                    fake.createRepository("app");
                    fake.clock().set(java.time.Instant.parse("2026-01-01T00:00:00Z"));
                    for (int i = 0; i < images; i++) { // one push a minute: about 70 days of history
                        String tag = switch (i % 4) {
                            case 0 -> "prod-" + i;
                            case 1 -> null;
                            case 2 -> "1." + i + "-rc1";
                            default -> "feature-" + i;
                        };
                        fake.putImage("app", tag, manifest(), null);
                        fake.clock().advance(Duration.ofMinutes(1));
                    }
                    EcrClient c = fake.client();
                    c.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(LIFECYCLE_POLICY));

                    long t = System.nanoTime();
                    final int[] described = {0};
                    c.describeImagesPaginator(r -> r.repositoryName("app").maxResults(1000)).imageDetails()
                            .forEach(d -> described[0]++);
                    describeMs[trial] = (System.nanoTime() - t) / 1e6;

                    t = System.nanoTime();
                    c.startLifecyclePolicyPreview(r -> r.repositoryName("app"));
                    int previewed = c.getLifecyclePolicyPreview(r -> r.repositoryName("app")).summary()
                            .expiringImageTotalCount();
                    previewMs[trial] = (System.nanoTime() - t) / 1e6;

                    t = System.nanoTime();
                    acted = fake.applyLifecyclePolicy("app").actions().size();
                    applyMs[trial] = (System.nanoTime() - t) / 1e6;
                    if (previewed == 0 || described[0] != images) {
                        throw new IllegalStateException("the lifecycle benchmark's registry is not what it should be");
                    }
                }
            }
        }
        Figure describe = Figure.of(describeMs);
        Figure preview = Figure.of(previewMs);
        Figure apply = Figure.of(applyMs);
        row("Lifecycle preview of 4 rules on " + images + " images, ms (vs one full DescribeImages pagination)",
                preview.toString(), describe.toString(), preview.median / describe.median, "≤ 1.0×",
                preview.median / describe.median <= 1.0);
        row("Lifecycle run of 4 rules on " + images + " images (" + acted + " images acted on), ms (vs the same pagination)",
                apply.toString(), describe.toString(), apply.median / describe.median, "≤ 1.0×",
                apply.median / describe.median <= 1.0);
    }

    // ---- soak (its own command) -----------------------------------------------------------------------------

    /**
     * A million requests through short-lived accounts, as a long suite makes them: heap must stay flat,
     * and every closed account must be released.
     */
    private void soak() throws Exception {
        long target = QUICK ? 100_000 : 1_000_000;
        int perTest = 50;
        long sent = 0;
        long[] heap = new long[5];
        int checkpoint = 0;
        long t = System.nanoTime();
        try (FakeEcrServer server = FakeEcrServer.start(); SdkHttpClient http = Apache5HttpClient.create()) {
            heap[checkpoint++] = usedHeap();
            for (long test = 0; sent < target; test++) {
                try (FakeEcr fake = server.account(String.valueOf(500_000_000_000L + test), "us-east-1", SYNTHETIC, http)) {
                    EcrClient ecr = fake.client();
                    ecr.createRepository(r -> r.repositoryName("app"));
                    for (int i = 0; i < perTest - 3; i++) {
                        String tag = "t" + (i % 5);
                        if (i % 3 == 2) {
                            ecr.batchDeleteImage(r -> r.repositoryName("app").imageIds(ImageIdentifier.builder().imageTag(tag).build()));
                        } else {
                            ecr.putImage(r -> r.repositoryName("app").imageTag(tag).imageManifest(manifest()));
                        }
                    }
                    ecr.listImages(r -> r.repositoryName("app"));
                    ecr.initiateLayerUpload(r -> r.repositoryName("app")); // left unfinished on purpose
                    sent += perTest;
                }
                if (checkpoint < heap.length && sent >= target * checkpoint / (heap.length - 1)) {
                    heap[checkpoint++] = usedHeap();
                }
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            info(String.format(Locale.ROOT, "Soak: %,d requests through %,d short-lived accounts", sent, sent / perTest),
                    String.format(Locale.ROOT, "%.0f s (%.0f requests/s); accounts still held at the end: %d",
                            seconds, sent / seconds, server.accountsHeld()));
            info("Soak: heap after GC at 0 / 25 / 50 / 75 / 100 %, MiB", Arrays.stream(heap)
                    .mapToObj(h -> String.format(Locale.ROOT, "%.1f", h / 1048576.0)).reduce((a, b) -> a + " / " + b).orElse(""));
        }
    }

    // ---- 6. moto -----------------------------------------------------------------------------------------------

    private void moto() throws Exception {
        if (!onPath("moto_server")) {
            notes.add("moto_server is not installed here: the side-by-side comparison was skipped.");
            System.out.println("(moto_server not found: skipped)");
            return;
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long t = System.nanoTime();
        Process moto = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        while (true) {
            try {
                http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).build(), HttpResponse.BodyHandlers.discarding());
                break;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        double motoStartMs = (System.nanoTime() - t) / 1e6;
        double fakeStartMs;
        t = System.nanoTime();
        try (FakeEcrServer ignored = FakeEcrServer.start()) {
            fakeStartMs = (System.nanoTime() - t) / 1e6;
        }
        double[] motoPut = new double[TRIALS];
        double[] fakePut = new double[TRIALS];
        try (FakeEcrServer server = FakeEcrServer.start();
             FakeEcr fake = server.account("444444444444", "us-east-1", SYNTHETIC);
             SdkHttpClient apache = Apache5HttpClient.create()) {
            fake.createRepository("app");
            EcrClient toMoto = client(endpoint, "AKIDMOTO", apache);
            toMoto.createRepository(r -> r.repositoryName("app"));
            EcrClient toFake = client(server.endpoint(), "444444444444", apache);
            for (int i = 0; i < TRIALS; i++) {
                motoPut[i] = latencies(n -> toMoto.putImage(r -> r.repositoryName("app").imageTag("t" + UNIQUE.get())
                        .imageManifest(manifest())), CALLS / 5)[0];
                fakePut[i] = latencies(n -> toFake.putImage(r -> r.repositoryName("app").imageTag("t" + UNIQUE.get())
                        .imageManifest(manifest())), CALLS / 5)[0];
            }
        } finally {
            moto.destroy();
            moto.waitFor(10, TimeUnit.SECONDS);
        }
        Figure m = Figure.of(motoPut);
        Figure f = Figure.of(fakePut);
        row("PutImage p50, ms (vs moto_server 5.2.1)", f.toString(), m.toString(), m.median / f.median,
                "moto ≥ 3× slower", m.median / f.median >= 3);
        row("Server start to first answer, ms (vs moto_server, a new process)", String.format(Locale.ROOT, "%.0f", fakeStartMs),
                String.format(Locale.ROOT, "%.0f", motoStartMs), motoStartMs / fakeStartMs, "faster than moto",
                fakeStartMs < motoStartMs);
        notes.add("moto's start is a new Python process; the fake's is in-process in a warm JVM (the first-use row"
                + " above shows a cold JVM).");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    // ---- report -------------------------------------------------------------------------------------------

    private void report() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("fake-ecr benchmark, ").append(java.time.LocalDate.now()).append(", Java ")
                .append(System.getProperty("java.version")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(System.getProperty("os.name"))
                .append(QUICK ? " (quick run)" : "").append("; medians of ").append(TRIALS)
                .append(" trials (min–max)\n\n");
        md.append("| measure | fake-ecr | compared with | ratio | target | |\n|---|---|---|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        Path out = Path.of("target", "benchmark", "results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println();
        System.out.println(md);
        System.out.println("written to " + out.toAbsolutePath());
    }
}
