package dev.fakeecr.bench;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import dev.fakeecr.registry.RegistryLogin;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.fakeecr.distribution.OciLayout;
import dev.fakeecr.distribution.Skopeo;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The registry endpoint's figures: manifest GET/HEAD per call against the ECR API's BatchGetImage, skopeo
 * copies of a 256 MiB image into and out of the fake against the same copies between local {@code oci:}
 * directories (the client's own floor), and the heap before and after a 1 GiB push.
 */
final class RegistryBench {
    /** Where the benchmark's table goes. */
    interface Rows {
        void row(String measure, String fake, String floor, double ratio, String target, boolean met);

        void info(String measure, String value);
    }

    private final Rows rows;
    private final int trials;
    private final int calls;

    RegistryBench(Rows rows, int trials, int calls) {
        this.rows = rows;
        this.trials = trials;
        this.calls = calls;
    }

    void run() throws Exception {
        Path work = Files.createTempDirectory("fake-ecr-registry-bench");
        try (FakeEcrServer server = FakeEcrServer.start(); FakeEcr fake = server.account("444444444444", "us-east-1")) {
            fake.createRepository("app");
            fake.createRepository("copy");
            perCall(fake);
            if (Skopeo.installed()) {
                skopeoCopies(fake, work);
                heapAfterLargePush(fake, work);
            } else {
                rows.info("skopeo copies and the 1 GiB push", "skipped: skopeo is not on the PATH");
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void perCall(FakeEcr fake) throws Exception {
        String configDigest = fake.putLayer("app", "{}".getBytes(StandardCharsets.UTF_8));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                + "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":2},\"layers\":[]}";
        fake.putImage("app", "1.0", manifest);
        RegistryLogin login = fake.registryLogin();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + login.host() + "/v2/app/manifests/1.0"))
                .header("Authorization", login.authorizationHeader()).build();
        HttpRequest head = HttpRequest.newBuilder(URI.create("http://" + login.host() + "/v2/app/manifests/1.0"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Authorization", login.authorizationHeader()).build();
        EcrClient ecr = fake.client();
        IntConsumer getCall = i -> send(http, get);
        IntConsumer headCall = i -> send(http, head);
        IntConsumer batchGet = i -> ecr.batchGetImage(r -> r.repositoryName("app").imageIds(id -> id.imageTag("1.0")));
        double[] g = new double[trials];
        double[] h = new double[trials];
        double[] b = new double[trials];
        for (int t = 0; t < trials; t++) {
            g[t] = p50(getCall);
            h[t] = p50(headCall);
            b[t] = p50(batchGet);
        }
        EcrBenchmark.Figure fg = EcrBenchmark.Figure.of(g);
        EcrBenchmark.Figure fh = EcrBenchmark.Figure.of(h);
        EcrBenchmark.Figure fb = EcrBenchmark.Figure.of(b);
        rows.row("Registry manifest GET p50, ms (java.net.http; vs BatchGetImage through the SDK)", fg.toString(),
                fb.toString(), fg.median() / fb.median(), "≤ 1.0×", fg.median() <= fb.median());
        rows.row("Registry manifest HEAD p50, ms (vs BatchGetImage through the SDK)", fh.toString(), fb.toString(),
                fh.median() / fb.median(), "≤ 1.0×", fh.median() <= fb.median());
    }

    private double p50(IntConsumer call) {
        return EcrBenchmark.latencies(call, calls)[0];
    }

    private static void send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("manifest answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void skopeoCopies(FakeEcr fake, Path work) throws Exception {
        Path source = work.resolve("source");
        OciLayout.writeLarge(source, "1", 256L * 1024 * 1024, 1);
        String creds = "AWS:" + fake.registryLogin().password();
        int copies = Math.max(3, trials);
        double[] push = new double[copies];
        double[] pushFloor = new double[copies];
        double[] pull = new double[copies];
        double[] pullFloor = new double[copies];
        for (int t = 0; t < copies; t++) {
            // A new repository each time: in one it has the blobs already, skopeo would only HEAD them.
            String repository = "in-" + t;
            fake.createRepository(repository);
            String tag = "1";
            pushFloor[t] = skopeo(work, "copy", "oci:" + source + ":1", "oci:" + work.resolve("floor-in-" + t) + ":1");
            push[t] = skopeo(work, "copy", "--dest-tls-verify=false", "--dest-creds", creds, "oci:" + source + ":1",
                    "docker://" + fake.imageReference(repository, tag));
            pullFloor[t] = skopeo(work, "copy", "oci:" + work.resolve("floor-in-" + t) + ":1",
                    "oci:" + work.resolve("floor-out-" + t) + ":1");
            pull[t] = skopeo(work, "copy", "--src-tls-verify=false", "--src-creds", creds,
                    "docker://" + fake.imageReference(repository, tag), "oci:" + work.resolve("out-" + t) + ":1");
        }
        EcrBenchmark.Figure in = EcrBenchmark.Figure.of(push);
        EcrBenchmark.Figure inFloor = EcrBenchmark.Figure.of(pushFloor);
        EcrBenchmark.Figure out = EcrBenchmark.Figure.of(pull);
        EcrBenchmark.Figure outFloor = EcrBenchmark.Figure.of(pullFloor);
        rows.row("skopeo copy of a 256 MiB image into the fake, ms (vs into a local oci: directory)", in.toString(),
                inFloor.toString(), in.median() / inFloor.median(), "≤ 1.5×", in.median() <= 1.5 * inFloor.median());
        rows.row("skopeo copy of it out of the fake, ms (vs from a local oci: directory)", out.toString(),
                outFloor.toString(), out.median() / outFloor.median(), "≤ 1.5×", out.median() <= 1.5 * outFloor.median());
    }

    private void heapAfterLargePush(FakeEcr fake, Path work) throws Exception {
        Path source = work.resolve("large");
        OciLayout.writeLarge(source, "1", 1024L * 1024 * 1024, 2);
        long before = usedHeap();
        skopeo(work, "copy", "--dest-tls-verify=false", "--dest-creds", "AWS:" + fake.registryLogin().password(),
                "oci:" + source + ":1", "docker://" + fake.imageReference("copy", "large"));
        long after = usedHeap();
        double grownMiB = (after - before) / (1024.0 * 1024);
        rows.row("Heap after GC, after a 1 GiB push vs before it, MiB", String.format(Locale.ROOT, "%.1f", after / 1048576.0),
                String.format(Locale.ROOT, "%.1f", before / 1048576.0), (double) after / before, "within 32 MiB",
                grownMiB <= 32);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Runs skopeo and answers its wall time in ms. */
    private static double skopeo(Path work, String... args) {
        return Skopeo.succeed(work, Duration.ofMinutes(10), args).millis();
    }
}
