package dev.fakeecr.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeecr.internal.Json;
import dev.fakeecr.internal.account.AccountKey;
import dev.fakeecr.internal.account.Accounts;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.registry.AccountIds;
import dev.fakeecr.registry.RepositorySettings;
import dev.fakeecr.registry.TagMutability;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads repositories and images into the standalone fake at start:
 * <pre>{@code
 * {"accounts": [{"accountId": "123456789012", "region": "us-east-1",
 *   "repositories": [{"name": "app", "imageTagMutability": "IMMUTABLE",
 *     "images": [{"tag": "1.0", "manifest": "{...}"}]}]}]}
 * }</pre>
 * Images are seeded as the handle seeds them: their layers are taken as uploaded. ECR's rules apply, so a
 * file that ECR would refuse (a bad name, the same tag twice in an immutable repository) stops the start.
 */
final class SeedFile {
    private SeedFile() {}

    /** Loads the file into the server's accounts (owned by the server, as if their requests had made them). */
    static int load(Path file, Accounts accounts, String defaultAccountId) throws IOException {
        JsonNode root = Json.MAPPER.readTree(file.toFile());
        int images = 0;
        for (JsonNode account : root.path("accounts")) {
            String accountId = account.path("accountId").asText(defaultAccountId);
            AccountIds.require(accountId, "accountId");
            Registry registry = accounts.forRequest(new AccountKey(accountId, account.path("region").asText("us-east-1")))
                    .registry();
            for (JsonNode repository : account.path("repositories")) {
                String name = repository.path("name").asText();
                TagMutability mutability = TagMutability.valueOf(repository.path("imageTagMutability").asText("MUTABLE"));
                registry.createRepository(RepositorySettings.named(name).withTagMutability(mutability, java.util.List.of()));
                for (JsonNode image : repository.path("images")) {
                    String tag = image.hasNonNull("tag") ? image.get("tag").asText() : null;
                    String mediaType = image.hasNonNull("mediaType") ? image.get("mediaType").asText() : null;
                    registry.seedImage(name, image.path("manifest").asText(), mediaType, tag);
                    images++;
                }
            }
        }
        return images;
    }
}
