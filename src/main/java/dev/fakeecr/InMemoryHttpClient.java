package dev.fakeecr;

import dev.fakeecr.faults.Outcome;
import dev.fakeecr.internal.protocol.EcrProtocol;
import dev.fakeecr.internal.protocol.WireResponse;
import dev.fakeecr.internal.server.EcrServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;

/**
 * The in-memory transport: SDK HTTP clients (sync and async) that hand each request to the server's router
 * ({@link EcrServer#serveInMemory}, a method call) instead of a socket, and give the SDK back what an HTTP
 * client would have read. Everything behind the transport is the fake's one router, so errors, request ids,
 * fault rules, the journal, SigV4 checks and the body limit are the same as over HTTP; a connection fault
 * becomes the {@link IOException} an HTTP client would have thrown, which the SDK reports (and retries) as the
 * same {@code SdkClientException}.
 *
 * <p>One per server, shared by its handles' clients; the SDK never closes a client it was given, and the
 * server closes this one when it stops.
 */
final class InMemoryHttpClient implements SdkHttpClient, SdkAsyncHttpClient {
    /** What in-memory clients take as their endpoint: nothing listens there, nothing resolves it. */
    static final URI ENDPOINT = URI.create("http://" + EcrServer.IN_MEMORY_HOST);

    private final EcrServer server;
    /** Async calls run here, so a fault rule's delay never blocks the caller's thread. */
    private final ExecutorService asyncCalls;

    InMemoryHttpClient(EcrServer server) {
        this.server = server;
        AtomicInteger threads = new AtomicInteger();
        this.asyncCalls = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-ecr-in-memory-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String clientName() {
        return "fake-ecr-in-memory";
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                InputStream body = request.contentStreamProvider().map(p -> p.newStream())
                        .orElseGet(InputStream::nullInputStream);
                try (body) {
                    WireResponse answer = serve(request.httpRequest(), declaredLength(request.httpRequest()), body);
                    return HttpExecuteResponse.builder().response(response(answer))
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body(answer))))
                            .build();
                }
            }

            @Override
            public void abort() {
                // nothing to abort: the call holds no connection; the SDK's timeouts interrupt the thread
            }
        };
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        SdkAsyncHttpResponseHandler handler = request.responseHandler();
        long declared = request.requestContentPublisher().contentLength().orElse(declaredLength(request.request()));
        readBody(request.requestContentPublisher(), declared).thenAcceptAsync(body -> {
            try {
                WireResponse answer = serve(request.request(), declared, new ByteArrayInputStream(body));
                handler.onHeaders(response(answer));
                handler.onStream(new OneBuffer(body(answer), done));
            } catch (IOException | RuntimeException e) {
                handler.onError(e);
                done.completeExceptionally(e);
            }
        }, asyncCalls).exceptionally(failure -> {
            handler.onError(failure);
            done.completeExceptionally(failure);
            return null;
        });
        return done;
    }

    private WireResponse serve(SdkHttpRequest request, long declaredLength, InputStream body) throws IOException {
        String path = request.encodedPath();
        String url = path == null || path.isEmpty() ? "/" : path;
        Optional<String> query = request.encodedQueryParameters();
        if (query.isPresent()) {
            url = url + "?" + query.get();
        }
        WireResponse answer = server.serveInMemory(request.method().name(), url, name -> header(request, name),
                declaredLength, body);
        if (answer.connectionFault() != null) {
            throw brokenConnection(answer.connectionFault());
        }
        return answer;
    }

    /**
     * A header's values, as the server would receive them: Host, which the SDK leaves to the HTTP client (it
     * sends the endpoint's), when the request has none.
     */
    private static List<String> header(SdkHttpRequest request, String name) {
        List<String> values = request.matchingHeaders(name);
        if (values.isEmpty() && name.equalsIgnoreCase("Host")) {
            return List.of(request.host() + (request.port() == 80 ? "" : ":" + request.port()));
        }
        return values;
    }

    /** What an HTTP client throws when the server breaks the connection that way. */
    private static IOException brokenConnection(Outcome.ConnectionFault.Kind kind) {
        switch (kind) {
            case RESET:
                return new SocketException("Connection reset (fake-ecr fault rule, in-memory transport)");
            case EMPTY_RESPONSE:
                return new IOException("The target server failed to respond (fake-ecr fault rule, in-memory transport)");
            default:
                return new IOException("Invalid HTTP response (fake-ecr fault rule, in-memory transport)");
        }
    }

    /** The headers the SDK reads, as the HTTP server sends them. */
    private static SdkHttpResponse response(WireResponse answer) {
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(answer.status())
                .putHeader("Content-Type", answer.contentType())
                .putHeader("Content-Length", Integer.toString(body(answer).length));
        if (answer.requestId() != null) {
            response.putHeader(WireResponse.REQUEST_ID_HEADER, answer.requestId());
        }
        return response.build();
    }

    private static byte[] body(WireResponse answer) {
        return answer.body() == null ? EMPTY : answer.body();
    }

    private static final byte[] EMPTY = new byte[0];

    private static long declaredLength(SdkHttpRequest request) {
        Optional<String> length = request.firstMatchingHeader("Content-Length");
        try {
            return length.map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The async request's body, read only as far as the body limit allows: past it, the bytes read so far
     * (one more than the limit), which the server refuses as too large.
     */
    private static CompletableFuture<byte[]> readBody(Publisher<ByteBuffer> content, long declared) {
        CompletableFuture<byte[]> body = new CompletableFuture<>();
        if (declared > EcrProtocol.MAX_REQUEST_BYTES) { // refused from its length, as over HTTP: read nothing
            body.complete(new byte[0]);
            return body;
        }
        content.subscribe(new Subscriber<>() {
            private final ByteArrayOutputStream read = new ByteArrayOutputStream();
            private Subscription subscription;

            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer buffer) {
                if (body.isDone()) {
                    return;
                }
                int room = (int) Math.min(buffer.remaining(), EcrProtocol.MAX_REQUEST_BYTES + 1 - read.size());
                byte[] piece = new byte[room];
                buffer.get(piece);
                read.write(piece, 0, piece.length);
                if (read.size() > EcrProtocol.MAX_REQUEST_BYTES) {
                    subscription.cancel();
                    body.complete(read.toByteArray());
                }
            }

            @Override
            public void onError(Throwable t) {
                body.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                body.complete(read.toByteArray());
            }
        });
        return body;
    }

    /** A response body of one buffer, as a reactive stream; completes {@code done} once delivered. */
    private static final class OneBuffer implements Publisher<ByteBuffer> {
        private final byte[] body;
        private final CompletableFuture<Void> done;

        OneBuffer(byte[] body, CompletableFuture<Void> done) {
            this.body = body;
            this.done = done;
        }

        @Override
        public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
            AtomicBoolean finished = new AtomicBoolean();
            subscriber.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    if (n <= 0) {
                        if (finished.compareAndSet(false, true)) {
                            IllegalArgumentException error = new IllegalArgumentException("§3.9: request " + n);
                            subscriber.onError(error);
                            done.completeExceptionally(error);
                        }
                        return;
                    }
                    if (finished.compareAndSet(false, true)) {
                        if (body.length > 0) {
                            subscriber.onNext(ByteBuffer.wrap(body).asReadOnlyBuffer());
                        }
                        subscriber.onComplete();
                        done.complete(null);
                    }
                }

                @Override
                public void cancel() {
                    if (finished.compareAndSet(false, true)) {
                        done.complete(null);
                    }
                }
            });
        }
    }

    /** Stops the threads of async calls; the server closes this when it stops. */
    @Override
    public void close() {
        asyncCalls.shutdownNow();
    }
}
