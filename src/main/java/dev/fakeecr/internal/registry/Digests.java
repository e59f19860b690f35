package dev.fakeecr.internal.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one place that computes and checks image digests.
 *
 * <p>Used by the fake's protocol layer; a test may use {@link #of(String)} for the digest ECR gives a manifest.
 */
public final class Digests {
    /** What ECR enforces for digests ({@code algorithm:hex}), although the model gives no pattern. */
    public static final Pattern DIGEST = Pattern.compile("[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+");
    /** {@link #DIGEST} as ECR's messages quote it. */
    public static final String DIGEST_REGEX_TEXT = "[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+";

    private Digests() {}

    /**
     * {@code sha256:} and the lowercase hex SHA-256 of the manifest's UTF-8 bytes, exactly as received.
     *
     * @param manifest the manifest text
     * @return its digest, e.g. {@code sha256:0a1b...}
     */
    public static String of(String manifest) {
        return of(manifest.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code sha256:} and the lowercase hex SHA-256 of these bytes.
     *
     * @param bytes the bytes
     * @return their digest
     */
    public static String of(byte[] bytes) {
        return sha256(newSha256().digest(bytes));
    }

    /** A fresh SHA-256 hasher, for digests computed as bytes arrive (layer uploads). */
    static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA_256.clone(); // cheaper than a provider lookup per manifest
        } catch (CloneNotSupportedException notCloneable) { // some providers (FIPS) refuse: look it up each time
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }

    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The one place a digest is spelled: {@code sha256:} and the hash in lowercase hex. */
    static String sha256(byte[] hash) {
        return "sha256:" + HexFormat.of().formatHex(hash);
    }

    /**
     * Whether {@code digest} has the form ECR accepts.
     *
     * @param digest a digest
     * @return whether it matches {@link #DIGEST}
     */
    public static boolean isWellFormed(String digest) {
        // DIGEST, checked by hand (every call by digest asks): an algorithm, ':', hex digits.
        int colon = digest.indexOf(':');
        if (colon <= 0 || colon == digest.length() - 1) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = digest.charAt(i);
            if (!isAsciiAlphanumeric(c) && c != '-' && c != '_' && c != '+' && c != '.') {
                return false;
            }
        }
        for (int i = colon + 1; i < digest.length(); i++) {
            char c = digest.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code c} is an ASCII letter or digit.
     *
     * @param c a character
     * @return whether it is in {@code [a-zA-Z0-9]}
     */
    public static boolean isAsciiAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
