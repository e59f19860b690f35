package dev.fakeecr.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * What {@code docker login} to the fake's registry endpoint takes: its host, user {@code AWS} and a password
 * as GetAuthorizationToken hands out (valid for 12 hours of the account's clock).
 *
 * @param host the registry's {@code host:port}, e.g. {@code 127.0.0.1:41234}
 * @param username always {@code AWS}, as in ECR
 * @param password the password
 */
public record RegistryLogin(String host, String username, String password) {
    /**
     * @param host the registry's {@code host:port}
     * @param username the user name
     * @param password the password
     */
    public RegistryLogin {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /**
     * The value of an {@code Authorization} header: {@code Basic base64(user:password)}, which is also the
     * {@code authorizationToken} of GetAuthorizationToken.
     *
     * @return the header value
     */
    public String authorizationHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A docker {@code config.json} holding this login, which docker, skopeo ({@code --authfile}), crane and Jib
     * read.
     *
     * @return the file's JSON
     */
    public String dockerConfigJson() {
        String auth = authorizationHeader().substring("Basic ".length());
        return "{\"auths\":{\"" + host + "\":{\"auth\":\"" + auth + "\"}}}\n";
    }

    /** The password is left out, as a login should be in logs. */
    @Override
    public String toString() {
        return "RegistryLogin[host=" + host + ", username=" + username + ", password=***]";
    }
}
