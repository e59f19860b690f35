package dev.fakeecr.internal.protocol;

import dev.fakeecr.internal.account.AccountState;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import dev.fakeecr.internal.registry.Messages;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a request's AWS Signature Version 4 as AWS does: checks the credential scope (service {@code ecr},
 * a region, the request's day) and the signature's date (within 15 minutes of now), rebuilds the canonical
 * request from the headers the client signed and the body as received, derives the signing key from the
 * secret, and compares signatures.
 */
final class SigV4 {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request,\\s*"
                    + "SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]+)");

    private static final String SERVICE = "ecr";
    /** How far a signature's date may be from now, either way. */
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private SigV4() {}

    /**
     * Refuses the request unless it is signed with {@code keys}' secret for its access key; does nothing
     * for keys that need no verification. {@code target} is the state the request is signed for, or null.
     */
    static void verify(WireRequest request, SigningKeys keys, String accessKeyId, AccountState target) {
        if (!keys.mustVerify(accessKeyId, target)) {
            return;
        }
        Matcher auth = AUTHORIZATION.matcher(request.authorization());
        if (!auth.find() || !auth.group(1).equals(accessKeyId)) {
            throw invalidSignature();
        }
        String secret = keys.secret(accessKeyId, target).orElseThrow(() ->
                new EcrError(ErrorCode.UNRECOGNIZED_CLIENT, Messages.description(ErrorCode.UNRECOGNIZED_CLIENT)));
        String date = auth.group(2);
        checkScopeAndDate(request, date, auth.group(3), auth.group(4));
        String scope = date + "/" + auth.group(3) + "/" + auth.group(4) + "/aws4_request";
        String canonicalRequest = canonicalRequest(request, auth.group(5).split(";"));
        String stringToSign = "AWS4-HMAC-SHA256\n" + request.header("x-amz-date") + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, auth.group(3));
        key = hmac(key, auth.group(4));
        key = hmac(key, "aws4_request");
        String expected = hex(hmac(key, stringToSign));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                auth.group(6).getBytes(StandardCharsets.UTF_8))) {
            throw invalidSignature();
        }
    }

    /**
     * The credential scope names ECR and a region, its date is the request's day, and the request was signed
     * within 15 minutes of now, by the real clock (clients sign with real time, whatever a test's clock says).
     */
    private static void checkScopeAndDate(WireRequest request, String scopeDate, String region, String service) {
        if (!service.equals(SERVICE)) {
            throw invalidSignature(Messages.credentialService(SERVICE));
        }
        if (!InputChecks.isRegion(region)) {
            throw invalidSignature(Messages.credentialRegion(region));
        }
        String amzDate = request.header("x-amz-date");
        Instant signed;
        try {
            signed = amzDate == null ? null : LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            signed = null;
        }
        if (signed == null) {
            throw invalidSignature(); // nothing dated the signature: it cannot match
        }
        if (!amzDate.startsWith(scopeDate)) {
            throw invalidSignature(Messages.credentialDate(scopeDate, amzDate));
        }
        Instant now = Instant.now();
        if (signed.isBefore(now.minus(WINDOW))) {
            throw invalidSignature(Messages.signatureExpired(amzDate, format(now.minus(WINDOW)), format(now)));
        }
        if (signed.isAfter(now.plus(WINDOW))) {
            throw invalidSignature(Messages.signatureNotYetCurrent(amzDate, format(now.plus(WINDOW)), format(now)));
        }
    }

    private static String format(Instant instant) {
        return AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static EcrError invalidSignature(String message) {
        return new EcrError(ErrorCode.INVALID_SIGNATURE, message);
    }

    private static String canonicalRequest(WireRequest request, String[] signedHeaders) {
        String url = request.url() == null ? "/" : request.url();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : canonicalQuery(url.substring(q + 1));
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = request.headers().apply(name);
            List<String> trimmed = new ArrayList<>();
            values.forEach(v -> trimmed.add(v.strip().replaceAll("\\s+", " ")));
            headers.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        // The body as received, never the client's x-amz-content-sha256: a body swapped after signing fails.
        String payloadHash = hex(sha256(request.body()));
        return request.method() + "\n" + (path.isEmpty() ? "/" : path) + "\n" + query + "\n" + headers + "\n"
                + String.join(";", signedHeaders) + "\n" + payloadHash;
    }

    private static String canonicalQuery(String query) {
        List<String> pairs = new ArrayList<>(List.of(query.split("&")));
        pairs.removeIf(String::isEmpty);
        pairs.replaceAll(p -> p.contains("=") ? p : p + "=");
        pairs.sort(null);
        return String.join("&", pairs);
    }

    private static EcrError invalidSignature() {
        return new EcrError(ErrorCode.INVALID_SIGNATURE, Messages.description(ErrorCode.INVALID_SIGNATURE));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
