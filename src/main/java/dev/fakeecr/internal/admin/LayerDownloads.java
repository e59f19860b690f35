package dev.fakeecr.internal.admin;

import dev.fakeecr.internal.account.AccountKey;
import dev.fakeecr.internal.account.AccountState;
import dev.fakeecr.internal.account.Accounts;
import dev.fakeecr.internal.protocol.EcrProtocol;
import dev.fakeecr.internal.protocol.LayerUrls;
import dev.fakeecr.internal.protocol.RequestIds;
import dev.fakeecr.internal.protocol.WireResponse;
import dev.fakeecr.internal.registry.BlobStore;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.registry.EcrError;
import java.util.Optional;

/**
 * Serves the layer download URLs GetDownloadUrlForLayer hands out (ECR's are presigned S3 URLs): only URLs
 * this server signed, until they expire (403 otherwise). 404 for a layer, repository or account the fake
 * does not hold, 410 for a layer whose bytes it did not keep. Reading a URL never creates state.
 */
public final class LayerDownloads {
    /** The most a download URL serves: its answer is held whole in memory (the registry endpoint streams). */
    static final long MAX_DOWNLOAD_BYTES = 256L * 1024 * 1024;

    private final Accounts accounts;

    /**
     * @param accounts where the layers are
     */
    public LayerDownloads(Accounts accounts) {
        this.accounts = accounts;
    }

    /**
     * Answers a GET of a download URL.
     *
     * @param url the request's path and query
     * @return the layer's bytes, or a JSON error: 403 for a URL this server did not sign (or one changed since)
     *     and for an expired one, 404 for what is not there, 410 for bytes not kept
     */
    public WireResponse download(String url) {
        LayerUrls.Target layer;
        try {
            layer = LayerUrls.parse(url);
        } catch (IllegalArgumentException refused) {
            if (LayerUrls.Refusal.MALFORMED.name().equals(refused.getMessage())) {
                return notFound("fake-ecr: no layer at " + (url.contains("?") ? url.substring(0, url.indexOf('?')) : url));
            }
            // As S3 answers a presigned URL whose signature does not match.
            return EcrProtocol.error("AccessDeniedException", 403, "fake-ecr: this layer URL was not signed by this"
                    + " server, or was changed since: get one from GetDownloadUrlForLayer");
        }
        Optional<Registry> found = accounts.find(new AccountKey(layer.accountId(), layer.region()))
                .map(AccountState::registry);
        if (found.isEmpty()) {
            return notFound("fake-ecr: no registry of account " + layer.accountId() + " in " + layer.region());
        }
        Registry registry = found.get();
        if (registry.now().isAfter(layer.expires())) {
            return EcrProtocol.error("AccessDeniedException", 403, "fake-ecr: this layer URL expired at "
                    + layer.expires() + " (the registry's clock says " + registry.now() + ")"); // S3: "Request has expired"
        }
        try {
            Optional<BlobStore.Content> content = registry.layerContent(layer.repositoryName(), layer.digest());
            if (content.isPresent() && content.get().size() > MAX_DOWNLOAD_BYTES) {
                // These answers go through WireMock, which holds a body whole; the registry endpoint streams.
                return EcrProtocol.error("LayerTooLargeForDownloadUrlException", 413, "fake-ecr: layer "
                        + layer.digest() + " has " + content.get().size() + " bytes; its download URL serves up to "
                        + MAX_DOWNLOAD_BYTES + " (pull larger layers through the registry endpoint, /v2/)");
            }
            if (content.isPresent()) {
                return WireResponse.bytes(200, "application/octet-stream", content.get().readAll(), RequestIds.next());
            }
            if (registry.layer(layer.repositoryName(), layer.digest()).isPresent()) {
                return EcrProtocol.error("LayerBytesNotKeptException", 410, "fake-ecr: layer " + layer.digest()
                        + " has no bytes: an image was seeded naming it by digest only (seed its bytes with"
                        + " putLayer, or push it)");
            }
            return notFound("fake-ecr: no layer " + layer.digest() + " in repository " + layer.repositoryName());
        } catch (EcrError e) { // the repository went away since the URL was handed out
            return notFound("fake-ecr: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) { // ... or just now, with its blob files
            return notFound("fake-ecr: layer " + layer.digest() + " is gone");
        }
    }

    private static WireResponse notFound(String message) {
        return EcrProtocol.error("NotFoundException", 404, message);
    }
}
