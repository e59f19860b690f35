package dev.fakeecr.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeecr.internal.Json;
import dev.fakeecr.internal.account.AccountKey;
import dev.fakeecr.internal.account.Accounts;
import dev.fakeecr.internal.protocol.InputChecks;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.registry.AccountIds;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.RepositorySettings;
import dev.fakeecr.registry.TagMutability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads repositories and images into the standalone fake at start:
 * <pre>{@code
 * {"accounts": [{"accountId": "123456789012", "region": "us-east-1",
 *   "repositories": [{"name": "app", "imageTagMutability": "IMMUTABLE",
 *     "images": [{"tag": "1.0", "manifest": "{...}"}]}]}]}
 * }</pre>
 * Images are seeded as the handle seeds them: their layers are taken as uploaded. Every value goes through
 * the checks the API applies to it (repository names, tags, tag mutability, manifests) and then ECR's rules,
 * so a file that ECR would refuse (a bad name, a wrongly typed member, the same tag twice in an immutable
 * repository) stops the start, naming the member and the reason.
 */
final class SeedFile {
    private SeedFile() {}

    /** Loads the file into the server's accounts (owned by the server, and kept however long they are idle). */
    static int load(Path file, Accounts accounts, String defaultAccountId) throws IOException {
        JsonNode root = Json.MAPPER.readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw refused(file, "$", "the file must hold a JSON object with an 'accounts' array");
        }
        int images = 0;
        JsonNode accountList = array(file, root, "accounts", "accounts");
        for (int a = 0; a < accountList.size(); a++) {
            JsonNode account = accountList.get(a);
            String at = "accounts[" + a + "]";
            object(file, account, at);
            String accountId = text(file, account, "accountId", at, defaultAccountId);
            if (!AccountIds.isValid(accountId)) {
                throw refused(file, at + ".accountId", "'" + accountId + "' is not a 12-digit account id");
            }
            String region = text(file, account, "region", at, "us-east-1");
            if (!InputChecks.isRegion(region)) {
                throw refused(file, at + ".region", "'" + region + "' is not a region");
            }
            Registry registry = accounts.pinned(new AccountKey(accountId, region)).registry();
            JsonNode repositories = array(file, account, "repositories", at + ".repositories");
            for (int r = 0; r < repositories.size(); r++) {
                images += loadRepository(file, registry, repositories.get(r), at + ".repositories[" + r + "]");
            }
        }
        return images;
    }

    private static int loadRepository(Path file, Registry registry, JsonNode repository, String at) {
        object(file, repository, at);
        String name = text(file, repository, "name", at, null);
        checked(file, at + ".name", () -> InputChecks.repositoryName(name));
        String mutabilityText = text(file, repository, "imageTagMutability", at, null);
        TagMutability mutability = checked(file, at + ".imageTagMutability",
                () -> InputChecks.tagMutability(mutabilityText));
        checked(file, at, () -> registry.createRepository(RepositorySettings.named(name)
                .withTagMutability(mutability, List.of())));
        JsonNode images = array(file, repository, "images", at + ".images");
        for (int i = 0; i < images.size(); i++) {
            JsonNode image = images.get(i);
            String imageAt = at + ".images[" + i + "]";
            object(file, image, imageAt);
            String tag = text(file, image, "tag", imageAt, null);
            checked(file, imageAt + ".tag", () -> InputChecks.imageTag(tag));
            String manifest = text(file, image, "manifest", imageAt, null);
            checked(file, imageAt + ".manifest", () -> InputChecks.imageManifest(manifest));
            String mediaType = text(file, image, "mediaType", imageAt, null);
            checked(file, imageAt, () -> registry.seedImage(name, manifest, mediaType, tag));
        }
        return images.size();
    }

    /** Runs one check or registry step; ECR's refusal becomes the refusal of the start. */
    private static <T> T checked(Path file, String at, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (EcrError e) {
            throw refused(file, at, e.code().code() + ": " + e.getMessage());
        }
    }

    private static void object(Path file, JsonNode node, String at) {
        if (!node.isObject()) {
            throw refused(file, at, "must be a JSON object");
        }
    }

    /** An optional array member; absent is empty. */
    private static JsonNode array(Path file, JsonNode parent, String member, String at) {
        JsonNode value = parent.get(member);
        if (value == null || value.isNull()) {
            return Json.MAPPER.createArrayNode();
        }
        if (!value.isArray()) {
            throw refused(file, at, "must be a JSON array");
        }
        return value;
    }

    /** An optional string member; absent gives {@code absent}. */
    private static String text(Path file, JsonNode parent, String member, String at, String absent) {
        JsonNode value = parent.get(member);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isTextual()) {
            throw refused(file, at + "." + member, "must be a string");
        }
        return value.textValue();
    }

    private static IllegalArgumentException refused(Path file, String at, String reason) {
        return new IllegalArgumentException("seed file " + file + ": " + at + ": " + reason);
    }
}
