package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.registry.AccountIds;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.Partition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import dev.fakeecr.internal.account.RegistryTokens;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * GetAuthorizationToken: a docker login token per registry, valid for 12 hours by the registry's clock, which
 * the registry endpoint ({@code /v2/}) accepts as the Basic password of user {@code AWS}.
 */
final class AuthorizationOperations {
    static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private AuthorizationOperations() {}

    static ObjectNode getAuthorizationToken(OperationContext context, JsonInput input) {
        List<String> registryIds = Params.listSize("registryIds", input.strings("registryIds"), 1, 10);
        ObjectNode output = JsonOutput.object();
        ArrayNode data = output.putArray("authorizationData");
        if (registryIds == null) {
            data.add(authorizationData(context.scope().accountId(), context));
        } else {
            for (String registryId : registryIds) {
                if (!AccountIds.isValid(registryId)) {
                    throw EcrError.invalidParameter("registryIds", "must satisfy regular expression " + AccountIds.PATTERN);
                }
                data.add(authorizationData(registryId, context));
            }
        }
        return output;
    }

    /**
     * The token base64-decodes to {@code AWS:<password>}, the user name and password of {@code docker login}.
     * It is the caller's, for any registry it names: nothing of the named account's state is read (or created).
     */
    private static ObjectNode authorizationData(String registryId, OperationContext context) {
        String region = context.scope().region();
        Instant expiresAt = context.caller().clock().instant().plus(TOKEN_LIFETIME);
        String password = context.accounts().registryTokens().issue(
                new RegistryTokens.Grant(registryId, region, context.scope().accountId(), expiresAt));
        String token = Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
        String proxyEndpoint = "https://" + registryId + ".dkr.ecr." + region + "." + Partition.of(region).dnsSuffix();
        return JsonOutput.object()
                .put("authorizationToken", token)
                .put("expiresAt", JsonOutput.timestamp(expiresAt))
                .put("proxyEndpoint", proxyEndpoint);
    }
}
