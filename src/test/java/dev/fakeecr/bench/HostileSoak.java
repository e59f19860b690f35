package dev.fakeecr.bench;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * A soak of mixed hostile and normal traffic against the standalone jar run with {@code -Xmx256m}: after a
 * warm-up, a quiet phase of normal calls only (their p99 is the baseline), then normal calls alongside hostile ones (slow and
 * stalled bodies, gzip bombs, 14 MB junk bodies, raw garbage, deep JSON, new access keys and made-up regions,
 * journal queries). It passes when normal calls got no 5xx, their p99 stayed within 2x of the quiet p99, and
 * the heap after GC (sampled with jcmd) ended no higher than 1.5x where it started plus 16 MiB.
 *
 * <p>Not part of the build: {@code mvn -B -q -DskipTests package && mvn -B -q -Psoak test-compile exec:exec}
 * ({@code -Dsoak.seconds=300} by default; {@code -Dsoak.seconds=60} for a short run). Exits 1 when it fails.
 */
public final class HostileSoak {
    private static final int SECONDS = Integer.getInteger("soak.seconds", 300);
    private static final int QUIET_SECONDS = Math.max(10, SECONDS / 10);
    private static final int WARM_UP_SECONDS = 10;
    private static final int NORMAL_THREADS = 4;
    private static final int HOSTILE_THREADS = 8;
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final URI endpoint;
    private final long pid;
    private final List<Long> quiet = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> loaded = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong normal5xx = new AtomicLong();
    private final AtomicLong normalCalls = new AtomicLong();
    private final AtomicLong hostileCalls = new AtomicLong();
    /** 0 warming up (not recorded), 1 quiet, 2 under hostile traffic. */
    private final java.util.concurrent.atomic.AtomicInteger phase = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final byte[] bomb;
    private final byte[] junk;

    private HostileSoak(URI endpoint, long pid) throws IOException {
        this.endpoint = endpoint;
        this.pid = pid;
        this.bomb = gzipOfXs(48 * 1024 * 1024);
        StringBuilder body = new StringBuilder("{\"repositoryName\":\"nowhere\",\"junk\":[");
        String element = "\"" + "y".repeat(280) + "\"";
        for (int i = 0; i < 50_000; i++) {
            body.append(i == 0 ? "" : ",").append(element);
        }
        this.junk = body.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws Exception {
        Path jar = standaloneJar();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "--port", "0", "--read-timeout", "5",
                "--release-idle-accounts", "20").redirectErrorStream(true).start();
        try {
            URI endpoint = endpointOf(process);
            boolean passed = new HostileSoak(endpoint, process.pid()).run();
            System.exit(passed ? 0 : 1);
        } finally {
            process.destroy();
        }
    }

    private boolean run() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(NORMAL_THREADS + HOSTILE_THREADS);
        for (int t = 0; t < NORMAL_THREADS; t++) {
            int thread = t;
            pool.submit(() -> normalTraffic(thread));
        }
        Thread.sleep(WARM_UP_SECONDS * 1000L); // class loading and the JIT: not the server's steady state
        phase.set(1);
        Thread.sleep(QUIET_SECONDS * 1000L);
        long heapAtStart = heapAfterGcKiB();
        phase.set(2);
        for (int t = 0; t < HOSTILE_THREADS; t++) {
            int thread = t;
            pool.submit(() -> hostileTraffic(thread));
        }
        List<Long> heap = new ArrayList<>();
        heap.add(heapAtStart);
        for (int s = 0; s < SECONDS; s += 30) {
            Thread.sleep(Math.min(30, SECONDS - s) * 1000L);
            heap.add(heapAfterGcKiB());
        }
        stop.set(true);
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        heap.add(heapAfterGcKiB());

        long quietP99 = p99(quiet);
        long loadedP99 = p99(loaded);
        long heapEnd = heap.get(heap.size() - 1);
        boolean no5xx = normal5xx.get() == 0;
        boolean latency = loadedP99 <= 2 * Math.max(quietP99, 1_000_000); // a 1 ms floor for an idle machine's p99
        boolean flat = heapEnd <= heapAtStart * 3 / 2 + 16 * 1024;
        System.out.printf("normal calls: %d (5xx: %d; quiet %d, under hostile traffic %d); hostile requests: %d%n",
                normalCalls.get(), normal5xx.get(), quiet.size(), loaded.size(), hostileCalls.get());
        System.out.printf("normal p99: quiet %.1f ms, under hostile traffic %.1f ms (%.2fx)%n", quietP99 / 1e6,
                loadedP99 / 1e6, (double) loadedP99 / Math.max(quietP99, 1));
        System.out.println("heap after GC (KiB), every 30 s: " + heap);
        System.out.printf("no 5xx to normal calls: %s; p99 within 2x: %s; heap flat: %s%n", no5xx, latency, flat);
        return no5xx && latency && flat;
    }

    private void normalTraffic(int thread) {
        String account = String.format("1000000000%02d", thread);
        try (EcrClient ecr = EcrClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "x")))
                .build()) {
            for (long i = 0; !stop.get(); i++) {
                String repository = "soak-" + i;
                timed(() -> ecr.createRepository(r -> r.repositoryName(repository)));
                String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":1,"
                        + "\"digest\":\"sha256:" + "c".repeat(64) + "\"},\"layers\":[],\"annotations\":{\"n\":\"" + i + "\"}}";
                timed(() -> ecr.putImage(r -> r.repositoryName(repository).imageTag("v1").imageManifest(manifest)));
                timed(() -> ecr.describeImages(r -> r.repositoryName(repository)));
                timed(() -> ecr.listImages(r -> r.repositoryName(repository).maxResults(5)));
                timed(() -> ecr.batchGetImage(r -> r.repositoryName(repository).imageIds(id -> id.imageTag("v1"))));
                timed(() -> ecr.deleteRepository(r -> r.repositoryName(repository).force(true)));
            }
        }
    }

    private void timed(Runnable call) {
        long start = System.nanoTime();
        try {
            call.run();
        } catch (SdkServiceException e) {
            if (e.statusCode() >= 500) {
                normal5xx.incrementAndGet();
            }
        } catch (RuntimeException e) {
            if (!stop.get()) {
                normal5xx.incrementAndGet(); // a connection failure counts as a failed normal call
            }
        }
        long took = System.nanoTime() - start;
        normalCalls.incrementAndGet();
        if (phase.get() > 0) {
            (phase.get() == 2 ? loaded : quiet).add(took);
        }
    }

    private void hostileTraffic(int thread) {
        Random random = new Random(thread);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        while (!stop.get()) {
            hostileCalls.incrementAndGet();
            try {
                switch (random.nextInt(8)) {
                    case 0 -> raw(head(1000) + "{\"re", 3_000); // stalled mid-body: a JSON 408 when its time is up
                    case 1 -> slow(head(200));
                    case 2 -> post(http, "ListImages", bomb, true);
                    case 3 -> post(http, "ListImages", junk, false);
                    case 4 -> raw(new String(randomBytes(random, 200), StandardCharsets.ISO_8859_1), 0);
                    case 5 -> post(http, "DescribeRepositories",
                            ("{\"filter\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}").getBytes(StandardCharsets.US_ASCII), false);
                    case 6 -> http.send(HttpRequest.newBuilder(URI.create(endpoint + "/fake-ecr/calls?accountId="
                            + String.format("%012d", random.nextInt(1_000_000)) + "&region=us-east-1")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    default -> http.send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .header("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories")
                            .header("Content-Type", "application/x-amz-json-1.1")
                            .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID" + random.nextInt(1_000_000)
                                    + "/20261130/xx-soak-" + random.nextInt(50) + "/ecr/aws4_request, SignedHeaders=host,"
                                    + " Signature=00").build(), HttpResponse.BodyHandlers.discarding());
                }
            } catch (IOException expected) {
                // the server refused and closed: what a hostile caller gets
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String head(int contentLength) {
        return "POST / HTTP/1.1\r\nHost: " + endpoint.getAuthority() + "\r\nContent-Type: application/x-amz-json-1.1\r\n"
                + "X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.DescribeRepositories\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=999999999999/20261130/us-east-1/ecr/aws4_request,"
                + " SignedHeaders=host, Signature=00\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    /** Sends the bytes, holds the connection for {@code holdMillis} (or until answered), then drops it. */
    private void raw(String request, int holdMillis) throws IOException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(Math.max(holdMillis, 1) + 10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            drain(socket.getInputStream());
        }
    }

    /** A declared body sent one byte every 100 ms. */
    private void slow(String head) throws IOException, InterruptedException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 200 && !stop.get(); i++) {
                out.write(i == 0 ? '{' : i == 199 ? '}' : ' ');
                out.flush();
                Thread.sleep(100);
            }
            drain(socket.getInputStream());
        }
    }

    private void post(HttpClient http, String operation, byte[] body, boolean gzip) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921." + operation)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=999999999999/20261130/us-east-1/ecr/aws4_request,"
                        + " SignedHeaders=host, Signature=00");
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        while (in.read(buffer) != -1) {
            // until the server closes
        }
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] gzipOfXs(int bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write("{\"repositoryName\":\"x\",\"n\":\"".getBytes(StandardCharsets.US_ASCII));
            byte[] xs = "x".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < bytes / xs.length; i++) {
                gzip.write(xs);
            }
            gzip.write("\"}".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** Runs a full GC in the jar's JVM and reads how much heap is used after it. */
    private long heapAfterGcKiB() throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").redirectErrorStream(true).start().waitFor();
        Process info = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor();
        Matcher used = HEAP_USED.matcher(out);
        return used.find() ? Long.parseLong(used.group(1)) : -1;
    }

    private static long p99(List<Long> nanos) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        if (sorted.isEmpty()) {
            return 0;
        }
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1));
    }

    /** {@code -Dfakeecr.standaloneJar}, else the one {@code mvn package} left in target/. */
    private static Path standaloneJar() throws IOException {
        String given = System.getProperty("fakeecr.standaloneJar");
        if (given != null) {
            return Path.of(given);
        }
        try (var files = java.nio.file.Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-standalone.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no standalone jar in target/: run mvn package first"));
        }
    }

    private static URI endpointOf(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the jar's output pipe from filling
                        }
                    } catch (IOException ignored) {
                        // the jar stopped
                    }
                }, "soak-jar-output");
                drain.setDaemon(true);
                drain.start();
                return URI.create(m.group(1));
            }
        }
        throw new IllegalStateException("the jar exited without printing its endpoint");
    }
}
