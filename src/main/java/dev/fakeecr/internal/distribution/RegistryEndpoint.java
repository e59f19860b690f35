package dev.fakeecr.internal.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.faults.Outcome;
import dev.fakeecr.internal.Json;
import dev.fakeecr.internal.account.AccountKey;
import dev.fakeecr.internal.account.AccountState;
import dev.fakeecr.internal.account.Accounts;
import dev.fakeecr.internal.account.RegistryTokens;
import dev.fakeecr.internal.protocol.CrossAccountAccess;
import dev.fakeecr.internal.protocol.RequestIds;
import dev.fakeecr.internal.registry.BatchDeleteImageResult;
import dev.fakeecr.internal.registry.BlobStore;
import dev.fakeecr.internal.registry.Digests;
import dev.fakeecr.internal.registry.ImageId;
import dev.fakeecr.internal.registry.LayerUpload;
import dev.fakeecr.internal.registry.Referrer;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.faults.FaultRule;
import dev.fakeecr.journal.Call;
import dev.fakeecr.journal.EcrRequest;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.ImageStatus;
import dev.fakeecr.registry.RepositoryInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ECR's registry endpoint, the OCI Distribution API under {@code /v2/}, over the same account state as the ECR
 * API: a blob uploaded here is a layer BatchCheckLayerAvailability sees, a manifest pushed here is an image
 * DescribeImages lists, and the reverse. ECR's rules are the registry's ({@link Registry} applies PutImage's
 * checks to a manifest push); this class speaks the wire: routes, Basic auth with GetAuthorizationToken's
 * password, the spec's headers and its error form.
 *
 * <p>Each request is journaled, and can be taken by a fault rule, under the ECR action it needs (the IAM action
 * ECR checks for it): a blob upload is {@code InitiateLayerUpload}, {@code UploadLayerPart} and
 * {@code CompleteLayerUpload}, a manifest push {@code PutImage}, a manifest pull {@code BatchGetImage}.
 */
public final class RegistryEndpoint {
    /** The path every registry request starts with. */
    public static final String PREFIX = "/v2";
    /** ECR's largest layer: 52,000 MiB. */
    static final long MAX_BLOB_BYTES = 52_000L * 1024 * 1024;
    /** ECR's largest manifest, as PutImage's {@code imageManifest} (4 MiB). */
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private static final String NAME = "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*";
    private static final Pattern NAME_PATTERN = Pattern.compile(NAME);
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
    /** A blob GET's {@code Range}: {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}. */
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    /** A PATCH's {@code Content-Range}: {@code a-b}, optionally with {@code bytes } and a {@code /size}. */
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes )?(\\d+)-(\\d+)(?:/\\S+)?");
    private static final Pattern ECR_HOST =
            Pattern.compile("(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?(?::\\d+)?");
    private static final List<Route> ROUTES = List.of(
            new Route(Kind.TAGS, Pattern.compile("/(.+)/tags/list")),
            new Route(Kind.MANIFEST, Pattern.compile("/(.+)/manifests/([^/]+)")),
            new Route(Kind.UPLOADS, Pattern.compile("/(.+)/blobs/uploads/?")),
            new Route(Kind.UPLOAD, Pattern.compile("/(.+)/blobs/uploads/([^/]+)")),
            new Route(Kind.BLOB, Pattern.compile("/(.+)/blobs/([^/]+)")),
            new Route(Kind.REFERRERS, Pattern.compile("/(.+)/referrers/([^/]+)")));

    private final Accounts accounts;

    /** @param accounts every account's state, and the server's registry passwords */
    public RegistryEndpoint(Accounts accounts) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    private enum Kind { PING, CATALOG, TAGS, MANIFEST, UPLOADS, UPLOAD, BLOB, REFERRERS }

    private record Route(Kind kind, Pattern pattern) {}

    /** A parsed request: what it addresses. */
    private record Target(Kind kind, String repository, String reference) {}

    /**
     * Answers one request. Never throws: a bug becomes a 500 in the registry's error form.
     *
     * @param request the request
     * @return the answer
     */
    public RegistryResponse handle(RegistryRequest request) {
        String requestId = RequestIds.next();
        AccountState state = null;
        EcrRequest call = null;
        FaultRule rule = null;
        RegistryResponse response;
        try {
            Target target = parse(request.rawPath());
            RegistryTokens.Grant grant = authenticate(request);
            state = stateOf(grant);
            call = journalEntry(request, target);
            if (call != null && !grant.registryId().equals(grant.callerAccountId())) {
                // Another account's registry: its repository or registry policy must allow the action, as for the API.
                CrossAccountAccess.check(grant.callerAccountId(), grant.region(), "ecr:" + call.operation(),
                        state.registry(), target.repository());
            }
            rule = call == null ? null : state.faults().fire(call).orElse(null);
            Outcome outcome = rule == null ? new Outcome.Normal() : rule.outcome();
            response = answer(outcome, request, target, state.registry());
        } catch (RegistryError e) {
            response = error(e);
        } catch (EcrError e) {
            response = error(translate(e));
        } catch (UncheckedIOException e) {
            response = error(new RegistryError("BLOB_UPLOAD_INVALID", 400, "fake-ecr could not read the body: "
                    + e.getCause().getMessage()));
        } catch (RuntimeException e) {
            response = error(new RegistryError("UNKNOWN", 500, "fake-ecr failed to handle this request: " + e));
        }
        response.header("x-amzn-RequestId", requestId);
        if (state != null && call != null) {
            state.journal().record(new Call(call, response.status, response.errorCode, requestId, Instant.now(),
                    rule != null, response.fault == null ? null : response.fault.name()));
        }
        return response;
    }

    // ---- routing and auth -----------------------------------------------------------------------------

    private static Target parse(String rawPath) {
        String path = percentDecode(rawPath.substring(PREFIX.length()));
        if (path.isEmpty() || path.equals("/")) {
            return new Target(Kind.PING, null, null);
        }
        if (path.equals("/_catalog")) {
            return new Target(Kind.CATALOG, null, null);
        }
        for (Route route : ROUTES) {
            Matcher m = route.pattern().matcher(path);
            if (m.matches()) {
                String name = m.group(1);
                if (name.length() < 2 || name.length() > 256 || !NAME_PATTERN.matcher(name).matches()) {
                    throw new RegistryError("NAME_INVALID", 400, "invalid repository name: " + name);
                }
                return new Target(route.kind(), name, m.groupCount() > 1 ? m.group(2) : null);
            }
        }
        throw new RegistryError("UNSUPPORTED", 404, "fake-ecr's registry endpoint has no " + rawPath);
    }

    /**
     * Basic auth as ECR takes it: user {@code AWS} and a password from GetAuthorizationToken, which names the
     * registry and region; an ECR-shaped Host must agree with it.
     */
    private RegistryTokens.Grant authenticate(RegistryRequest request) {
        String host = request.header().apply("Host");
        String authorization = request.header().apply("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthorized(host, "Not Authorized"); // [infer] ECR's text for a request without credentials
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized(host, "Not Authorized");
        }
        int colon = credentials.indexOf(':');
        Optional<RegistryTokens.Grant> grant = colon < 0 || !credentials.substring(0, colon).equals("AWS")
                ? Optional.empty() : accounts.registryTokens().verify(credentials.substring(colon + 1));
        if (grant.isEmpty()) {
            throw unauthorized(host, "Not Authorized"); // [infer]
        }
        RegistryTokens.Grant g = grant.get();
        Matcher ecrHost = host == null ? null : ECR_HOST.matcher(host);
        if (ecrHost != null && ecrHost.matches()
                && !(ecrHost.group(1).equals(g.registryId()) && ecrHost.group(2).equals(g.region()))) {
            throw new RegistryError("DENIED", 403, "Your authorization token is not valid for " + host
                    + ": it was issued for registry " + g.registryId() + " in " + g.region() + "."); // [infer]
        }
        return g;
    }

    /**
     * The state a password opens: the caller's own registry is created on first use, as an API call would;
     * another account's must exist, and it must not have expired by that registry's clock.
     */
    private AccountState stateOf(RegistryTokens.Grant g) {
        AccountState state = g.registryId().equals(g.callerAccountId()) ? accounts.forRequest(g.registryKey())
                : accounts.find(g.registryKey()).orElseThrow(() -> new RegistryError("DENIED", 403,
                        "User: arn:aws:iam::" + g.callerAccountId() + ":root is not authorized to access registry "
                                + g.registryId())); // [infer]
        if (state.clock().instant().isAfter(g.expiresAt())) {
            throw new RegistryError("DENIED", 403, "Your authorization token has expired. Reauthenticate and try again.");
        }
        return state;
    }

    private static RegistryError unauthorized(String host, String message) {
        return new Unauthorized(host, message);
    }

    /** A 401 carries ECR's Basic challenge: without it, skopeo and docker never send their credentials. */
    private static final class Unauthorized extends RegistryError {
        final String realmHost;

        Unauthorized(String realmHost, String message) {
            super("UNAUTHORIZED", 401, message);
            this.realmHost = realmHost == null ? "ecr.amazonaws.com" : realmHost;
        }
    }

    // ---- journal and faults ---------------------------------------------------------------------------

    /** The request as the journal and fault rules see it, named by the ECR action it needs; null for the ping. */
    private static EcrRequest journalEntry(RegistryRequest request, Target target) {
        String method = request.method();
        String action = switch (target.kind()) {
            case PING -> null;
            case CATALOG -> "DescribeRepositories";
            case TAGS -> "ListImages";
            case REFERRERS -> "ListImageReferrers";
            case MANIFEST -> method.equals("PUT") ? "PutImage" : method.equals("DELETE") ? "BatchDeleteImage"
                    : "BatchGetImage";
            case UPLOADS -> "InitiateLayerUpload";
            case UPLOAD -> method.equals("PUT") ? "CompleteLayerUpload" : "UploadLayerPart";
            case BLOB -> method.equals("HEAD") ? "BatchCheckLayerAvailability" : "GetDownloadUrlForLayer";
        };
        if (action == null) {
            return null;
        }
        Map<String, Object> members = new LinkedHashMap<>();
        if (target.repository() != null) {
            members.put("repositoryName", target.repository());
        }
        String reference = target.reference();
        if (target.kind() == Kind.MANIFEST && reference != null) {
            members.put(reference.contains(":") ? "imageDigest" : "imageTag", reference);
        } else if (target.kind() == Kind.BLOB && reference != null) {
            members.put("layerDigest", reference);
        } else if (target.kind() == Kind.UPLOAD && reference != null) {
            members.put("uploadId", reference);
        }
        members.put("registryRequest", method + " " + request.rawPath());
        return new EcrRequest(action, members);
    }

    private RegistryResponse answer(Outcome outcome, RegistryRequest request, Target target, Registry registry) {
        if (outcome instanceof Outcome.Error error) {
            throw faultError(error);
        }
        if (outcome instanceof Outcome.ConnectionFault fault) {
            RegistryResponse broken = new RegistryResponse(0);
            broken.fault = fault.kind();
            return broken;
        }
        RegistryResponse normal = dispatch(request, target, registry);
        if (outcome instanceof Outcome.Delay delay) {
            normal.delay = delay.delay();
        }
        return normal;
    }

    /** A fault rule's ECR error in the registry's terms: throttling is TOOMANYREQUESTS, as clients retry it. */
    private static RegistryError faultError(Outcome.Error error) {
        String message = error.message() != null ? error.message() : error.code();
        String code = error.status() == 429 || error.code().contains("Throttl") || error.code().contains("TooManyRequests")
                ? "TOOMANYREQUESTS" : error.status() == 401 ? "UNAUTHORIZED" : error.status() == 403 ? "DENIED"
                : error.status() >= 500 ? "UNKNOWN" : "UNSUPPORTED";
        int status = code.equals("TOOMANYREQUESTS") ? 429 : error.status();
        return new RegistryError(code, status, message);
    }

    // ---- the operations -------------------------------------------------------------------------------

    private RegistryResponse dispatch(RegistryRequest request, Target target, Registry registry) {
        String method = request.method();
        return switch (target.kind()) {
            case PING -> only(method, "GET", "HEAD") ? new RegistryResponse(200).json("{}") : notAllowed(method);
            case CATALOG -> only(method, "GET") ? catalog(request, registry) : notAllowed(method);
            case TAGS -> only(method, "GET") ? tags(request, target, registry) : notAllowed(method);
            case REFERRERS -> only(method, "GET") ? referrers(request, target, registry) : notAllowed(method);
            case MANIFEST -> switch (method) {
                case "GET", "HEAD" -> pullManifest(request, target, registry, method.equals("GET"));
                case "PUT" -> pushManifest(request, target, registry);
                case "DELETE" -> deleteManifest(target, registry);
                default -> notAllowed(method);
            };
            case UPLOADS -> only(method, "POST") ? startUpload(request, target, registry) : notAllowed(method);
            case UPLOAD -> switch (method) {
                case "PATCH" -> appendToUpload(request, target, registry);
                case "PUT" -> commitUpload(request, target, registry);
                case "GET" -> uploadStatus(target, registry, 204);
                case "DELETE" -> cancelUpload(target, registry);
                default -> notAllowed(method);
            };
            case BLOB -> switch (method) {
                case "GET", "HEAD" -> blob(request, target, registry);
                case "DELETE" -> throw new RegistryError("UNSUPPORTED", 405,
                        "The operation is unsupported."); // [infer] ECR removes blobs with their images only
                default -> notAllowed(method);
            };
        };
    }

    private static boolean only(String method, String... allowed) {
        return List.of(allowed).contains(method);
    }

    private static RegistryResponse notAllowed(String method) {
        throw new RegistryError("UNSUPPORTED", 405, "The operation is unsupported: " + method); // [infer]
    }

    private static RegistryResponse blob(RegistryRequest request, Target target, Registry registry) {
        String digest = digest(target.reference());
        registry.describeRepository(target.repository());
        BlobStore.Content content = registry.layerContent(target.repository(), digest)
                .orElseThrow(() -> new RegistryError("BLOB_UNKNOWN", 404, "blob unknown to registry: " + digest));
        long size = content.size();
        long from = 0;
        long to = size - 1;
        String range = request.header().apply("Range");
        int status = 200;
        if (range != null && request.method().equals("GET")) {
            Matcher m = RANGE.matcher(range.trim());
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                throw rangeNotSatisfiable(size);
            }
            try {
                if (m.group(1).isEmpty()) { // the last n bytes
                    from = Math.max(0, size - Long.parseLong(m.group(2)));
                } else {
                    from = Long.parseLong(m.group(1));
                    to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                }
            } catch (NumberFormatException e) {
                throw rangeNotSatisfiable(size);
            }
            if (from >= size || from > to) {
                throw rangeNotSatisfiable(size);
            }
            status = 206;
        }
        InputStream bytes = null;
        if (request.method().equals("GET")) {
            try {
                bytes = content.open(from, to - from + 1);
            } catch (UncheckedIOException gone) { // released with its registry just now
                throw new RegistryError("BLOB_UNKNOWN", 404, "blob unknown to registry: " + digest);
            }
        }
        RegistryResponse response = new RegistryResponse(status).blob(bytes, to - from + 1)
                .header("Docker-Content-Digest", digest).header("Accept-Ranges", "bytes").header("ETag", "\"" + digest + "\"");
        if (status == 206) {
            response.header("Content-Range", "bytes " + from + "-" + to + "/" + size);
        }
        return response;
    }

    /** Whether a Content-Range's first byte is where the upload stands (a number too large for a long is not). */
    private static boolean continues(String firstByte, long received) {
        try {
            return Long.parseLong(firstByte) == received;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static RegistryError rangeNotSatisfiable(long size) {
        return new RegistryError("BLOB_UNKNOWN", 416, "requested range not satisfiable (blob size " + size + ")");
    }

    private RegistryResponse startUpload(RegistryRequest request, Target target, Registry registry) {
        Map<String, String> query = query(request.rawQuery());
        String repository = target.repository();
        registry.createOnPush(repository); // a push starts with its blobs: a CREATE_ON_PUSH template creates it here
        if (query.containsKey("mount")) {
            String mounted = digest(query.get("mount"));
            String from = query.get("from");
            Optional<Long> size = from == null ? Optional.empty() : registry.mountBlob(repository, from, mounted);
            if (size.isPresent()) {
                return new RegistryResponse(201).header("Content-Length", "0")
                        .header("Location", blobPath(repository, mounted)).header("Docker-Content-Digest", mounted);
            }
        }
        LayerUpload upload = registry.startUpload(repository);
        if (query.containsKey("digest")) { // a monolithic upload: the body is the whole blob
            String digest = digest(query.get("digest"));
            try {
                append(request, upload);
            } catch (RuntimeException e) { // nobody was told this upload's location: nobody else can cancel it
                cancelQuietly(registry, repository, upload.uploadId());
                throw e;
            }
            return committed(repository, commit(registry, repository, upload.uploadId(), digest));
        }
        return uploadStatus(repository, upload, 202);
    }

    private RegistryResponse appendToUpload(RegistryRequest request, Target target, Registry registry) {
        LayerUpload upload = registry.upload(target.repository(), target.reference());
        String contentRange = request.header().apply("Content-Range");
        if (contentRange != null) {
            Matcher m = CONTENT_RANGE.matcher(contentRange.trim());
            if (!m.matches() || !continues(m.group(1), upload.received())) {
                RegistryResponse refusal = error(new RegistryError("BLOB_UPLOAD_INVALID", 416,
                        "Content-Range " + contentRange + " does not continue the upload at " + upload.received()));
                return withRange(refusal, upload);
            }
        }
        append(request, upload);
        return uploadStatus(target.repository(), upload, 202);
    }

    private RegistryResponse commitUpload(RegistryRequest request, Target target, Registry registry) {
        String given = query(request.rawQuery()).get("digest");
        if (given == null) {
            throw new RegistryError("DIGEST_INVALID", 400, "a digest is required to complete an upload");
        }
        String digest = digest(given);
        LayerUpload upload = registry.upload(target.repository(), target.reference());
        append(request, upload); // an optional last chunk
        return committed(target.repository(), commit(registry, target.repository(), upload.uploadId(), digest));
    }

    private static String commit(Registry registry, String repository, String uploadId, String digest) {
        try {
            return registry.commitUpload(repository, uploadId, digest);
        } catch (EcrError e) {
            if (e.code() == dev.fakeecr.registry.ErrorCode.INVALID_LAYER) {
                throw new RegistryError("DIGEST_INVALID", 400, "provided digest did not match uploaded content: "
                        + e.getMessage());
            }
            throw e;
        }
    }

    private static void cancelQuietly(Registry registry, String repository, String uploadId) {
        try {
            registry.cancelUpload(repository, uploadId);
        } catch (EcrError gone) {
            // the repository or the upload went meanwhile: nothing left to release
        }
    }

    private static RegistryResponse committed(String repository, String digest) {
        return new RegistryResponse(201).header("Content-Length", "0")
                .header("Location", blobPath(repository, digest)).header("Docker-Content-Digest", digest);
    }

    private static RegistryResponse uploadStatus(Target target, Registry registry, int status) {
        return uploadStatus(target.repository(), registry.upload(target.repository(), target.reference()), status);
    }

    private static RegistryResponse uploadStatus(String repository, LayerUpload upload, int status) {
        RegistryResponse response = new RegistryResponse(status).header("Content-Length", "0")
                .header("Location", PREFIX + "/" + repository + "/blobs/uploads/" + upload.uploadId())
                .header("Docker-Upload-UUID", upload.uploadId());
        return withRange(response, upload);
    }

    private static RegistryResponse withRange(RegistryResponse response, LayerUpload upload) {
        long received = upload.received();
        return response.header("Range", "0-" + (received > 0 ? received - 1 : 0));
    }

    private static RegistryResponse cancelUpload(Target target, Registry registry) {
        registry.cancelUpload(target.repository(), target.reference());
        return new RegistryResponse(204).header("Content-Length", "0");
    }

    /** Streams the request body into the upload, outside the registry's lock. */
    private static void append(RegistryRequest request, LayerUpload upload) {
        try (InputStream body = request.body().open()) {
            long room = MAX_BLOB_BYTES - upload.received();
            upload.append(body, room);
            if (room <= 0 || body.read() >= 0) {
                throw new RegistryError("SIZE_INVALID", 400, "a layer may hold at most " + MAX_BLOB_BYTES + " bytes");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException e) { // completed or cancelled by another request meanwhile
            throw new RegistryError("BLOB_UPLOAD_UNKNOWN", 404, "the upload was completed or cancelled meanwhile");
        }
    }

    private RegistryResponse pushManifest(RegistryRequest request, Target target, Registry registry) {
        String reference = target.reference();
        boolean byDigest = reference.contains(":");
        if (byDigest) {
            digest(reference);
        } else if (!TAG.matcher(reference).matches()) {
            throw new RegistryError("TAG_INVALID", 400, "invalid tag: " + reference);
        }
        registry.createOnPush(target.repository()); // a CREATE_ON_PUSH template creates a missing repository
        registry.describeRepository(target.repository()); // NAME_UNKNOWN before reading the body
        String manifest = readManifest(request);
        // Content-Type is not the media type's source: ECR reads it from the manifest, and refuses an OCI manifest
        // without one ("Invalid JSON syntax"), which makes skopeo retry in another format.
        ImageInfo image = registry.pushManifest(target.repository(), manifest, null, byDigest ? null : reference,
                byDigest ? reference : null);
        // The same hook as PutImage's: replication copies the push where the registry's configuration says.
        accounts.replication().imagePushed(new AccountKey(registry.accountId(), registry.region()),
                target.repository(), image.digest(), byDigest ? null : reference);
        RegistryResponse response = new RegistryResponse(201).header("Content-Length", "0")
                .header("Location", PREFIX + "/" + target.repository() + "/manifests/" + image.digest())
                .header("Docker-Content-Digest", image.digest());
        if (image.subjectDigest() != null) {
            response.header("OCI-Subject", image.subjectDigest());
        }
        return response;
    }

    private static String readManifest(RegistryRequest request) {
        byte[] bytes;
        try (InputStream body = request.body().open()) {
            bytes = body.readNBytes(MAX_MANIFEST_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new RegistryError("MANIFEST_INVALID", 400, "manifest invalid: larger than " + MAX_MANIFEST_BYTES
                    + " bytes"); // [infer]
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RegistryError("MANIFEST_INVALID", 400, "manifest invalid: not UTF-8 JSON");
        }
    }

    private RegistryResponse pullManifest(RegistryRequest request, Target target, Registry registry,
                                          boolean isGet) {
        String reference = target.reference();
        if (reference.contains(":")) {
            digest(reference);
        }
        // The same pull through cache as BatchGetImage's: a missing image is fetched upstream and cached first.
        accounts.find(new AccountKey(registry.accountId(), registry.region())).ifPresent(owner ->
                accounts.pullThroughCache().beforePull(owner, registry, target.repository(), List.of(reference)));
        ImageInfo image = registry.pullManifest(target.repository(), reference, false)
                .filter(i -> accepts(request, i.manifestMediaType()))
                .orElseThrow(() -> new RegistryError("MANIFEST_UNKNOWN", 404, "Requested image not found"));
        if (image.status() != ImageStatus.ACTIVE) { // as BatchGetImage refuses it
            throw new RegistryError("MANIFEST_UNKNOWN", 404, "Requested image is archived and cannot be pulled"); // [infer]
        }
        if (isGet) { // a GET is a pull: DescribeImages shows its time (lastRecordedPullTime)
            registry.pullManifest(target.repository(), image.digest(), true);
        }
        return new RegistryResponse(200).bytes(image.manifestMediaType(), image.manifest().getBytes(StandardCharsets.UTF_8))
                .header("Docker-Content-Digest", image.digest()).header("ETag", "\"" + image.digest() + "\"");
    }

    /**
     * Whether the request's Accept allows the media type. No Accept, or a
     * wildcard, allows all; ECR does not convert between formats [infer], so anything else must name the type.
     */
    private static boolean accepts(RegistryRequest request, String mediaType) {
        String accept = request.header().apply("Accept");
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String part : accept.split(",")) {
            String type = part.split(";")[0].trim();
            if (type.equals("*/*") || type.equals("application/*") || type.equals(mediaType)) {
                return true;
            }
        }
        return false;
    }

    private static RegistryResponse deleteManifest(Target target, Registry registry) {
        String reference = target.reference();
        ImageId id = reference.contains(":") ? ImageId.ofDigest(digest(reference)) : new ImageId(null, reference);
        BatchDeleteImageResult result = registry.batchDeleteImage(target.repository(), List.of(id));
        if (!result.failures().isEmpty()) {
            var failure = result.failures().get(0);
            boolean notFound = failure.failureCode().equals("ImageNotFound");
            throw new RegistryError(notFound ? "MANIFEST_UNKNOWN" : "DENIED", notFound ? 404 : 409,
                    notFound ? "Requested image not found" : failure.failureReason());
        }
        return new RegistryResponse(202).header("Content-Length", "0");
    }

    private static RegistryResponse tags(RegistryRequest request, Target target, Registry registry) {
        TreeSet<String> all = new TreeSet<>();
        registry.images(target.repository()).forEach(i -> all.addAll(i.tags()));
        Page page = page(request, all, PREFIX + "/" + target.repository() + "/tags/list");
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", target.repository());
        ArrayNode tags = body.putArray("tags");
        page.items().forEach(tags::add);
        return page.link(new RegistryResponse(200).json(body.toString()));
    }

    private static RegistryResponse catalog(RegistryRequest request, Registry registry) {
        TreeSet<String> names = new TreeSet<>();
        registry.repositories().stream().map(RepositoryInfo::name).forEach(names::add);
        Page page = page(request, names, PREFIX + "/_catalog");
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode repositories = body.putArray("repositories");
        page.items().forEach(repositories::add);
        return page.link(new RegistryResponse(200).json(body.toString()));
    }

    private record Page(List<String> items, String next) {
        RegistryResponse link(RegistryResponse response) {
            return next == null ? response : response.header("Link", "<" + next + ">; rel=\"next\"");
        }
    }

    /** The spec's paging: {@code n} items after {@code last}, in lexical order, and a Link to the rest. */
    private static Page page(RegistryRequest request, TreeSet<String> all, String path) {
        Map<String, String> query = query(request.rawQuery());
        String last = query.get("last");
        List<String> after = new ArrayList<>(last == null ? all : all.tailSet(last, false));
        int n = after.size();
        if (query.containsKey("n")) {
            try {
                n = Integer.parseInt(query.get("n"));
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0) {
                throw new RegistryError("PAGINATION_NUMBER_INVALID", 400, "invalid number of results requested");
            }
        }
        if (n >= after.size()) {
            return new Page(after, null);
        }
        List<String> items = after.subList(0, n);
        String next = n == 0 ? null : path + "?n=" + n + "&last=" + percentEncode(items.get(n - 1));
        return new Page(items, next);
    }

    private static RegistryResponse referrers(RegistryRequest request, Target target, Registry registry) {
        String subject = digest(target.reference());
        String artifactType = query(request.rawQuery()).get("artifactType");
        ObjectNode index = Json.MAPPER.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode manifests = index.putArray("manifests");
        // The registry's referrer index, which ListImageReferrers answers from too.
        for (Referrer referrer : registry.referrers(target.repository(), subject,
                artifactType == null ? null : List.of(artifactType))) {
            ObjectNode descriptor = manifests.addObject().put("mediaType", referrer.mediaType())
                    .put("digest", referrer.digest()).put("size", referrer.size());
            if (referrer.artifactType() != null) {
                descriptor.put("artifactType", referrer.artifactType());
            }
            if (!referrer.annotations().isEmpty()) {
                ObjectNode annotations = descriptor.putObject("annotations");
                referrer.annotations().forEach(annotations::put);
            }
        }
        RegistryResponse response = new RegistryResponse(200).bytes("application/vnd.oci.image.index.v1+json",
                index.toString().getBytes(StandardCharsets.UTF_8));
        return artifactType == null ? response : response.header("OCI-Filters-Applied", "artifactType");
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private static String digest(String text) {
        if (text == null || !text.startsWith("sha256:") || !Digests.isWellFormed(text) || text.length() != 71) {
            throw new RegistryError("DIGEST_INVALID", 400, "invalid digest: " + text);
        }
        return text;
    }

    private static String blobPath(String repository, String digest) {
        return PREFIX + "/" + repository + "/blobs/" + digest;
    }

    /** ECR's errors from the registry's rules, in the registry's codes with ECR's words. */
    private static RegistryError translate(EcrError e) {
        return switch (e.code()) {
            case REPOSITORY_NOT_FOUND -> new RegistryError("NAME_UNKNOWN", 404, e.getMessage());
            case IMAGE_TAG_ALREADY_EXISTS -> new RegistryError("TAG_INVALID", 400, e.getMessage());
            case INVALID_PARAMETER -> new RegistryError(e.getMessage().contains("Invalid JSON syntax")
                    ? "UNSUPPORTED" : "MANIFEST_INVALID", 400, e.getMessage());
            case LAYERS_NOT_FOUND, REFERENCED_IMAGES_NOT_FOUND -> new RegistryError("MANIFEST_BLOB_UNKNOWN", 400,
                    e.getMessage());
            case IMAGE_DIGEST_DOES_NOT_MATCH, INVALID_LAYER -> new RegistryError("DIGEST_INVALID", 400, e.getMessage());
            case UPLOAD_NOT_FOUND -> new RegistryError("BLOB_UPLOAD_UNKNOWN", 404, e.getMessage());
            case IMAGE_NOT_FOUND -> new RegistryError("MANIFEST_UNKNOWN", 404, "Requested image not found");
            // [infer] a pull through cache miss reads to a registry client as an unknown manifest, with ECR's reason
            case UNABLE_TO_GET_UPSTREAM_IMAGE -> new RegistryError("MANIFEST_UNKNOWN", 404, e.getMessage());
            case LIMIT_EXCEEDED, ACCESS_DENIED -> new RegistryError("DENIED", 403, e.getMessage()); // [infer] status
            default -> new RegistryError("UNSUPPORTED", 400, e.getMessage());
        };
    }

    private static RegistryResponse error(RegistryError e) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode error = body.putArray("errors").addObject().put("code", e.code).put("message", e.getMessage());
        error.putNull("detail");
        RegistryResponse response = new RegistryResponse(e.status).json(body.toString());
        response.errorCode = e.code;
        if (e instanceof Unauthorized u) {
            response.header("WWW-Authenticate", "Basic realm=\"https://" + u.realmHost
                    + "/\",service=\"ecr.amazonaws.com\"");
        }
        return response;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1).replace('+', ' '));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] out = new byte[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new RegistryError("NAME_INVALID", 400, "bad percent-encoding in " + text);
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new RegistryError("NAME_INVALID", 400, "bad percent-encoding in " + text);
                }
                out[n++] = (byte) (hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (n + utf8.length > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2 + utf8.length);
                }
                System.arraycopy(utf8, 0, out, n, utf8.length);
                n += utf8.length;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static String percentEncode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
