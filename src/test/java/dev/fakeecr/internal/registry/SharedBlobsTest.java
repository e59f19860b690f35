package dev.fakeecr.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.Manifests;
import dev.fakeecr.registry.RegistryConfig;
import dev.fakeecr.registry.RepositorySettings;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The images of a repository hold one instance of each blob they name alike, and each image keeps what its own
 * manifest says of a blob it names otherwise (size, media type); the repository's record of a blob only gains a
 * media type it lacked.
 */
class SharedBlobsTest {
    private static final String CONFIG = "application/vnd.docker.container.image.v1+json";
    private static final String LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    private static final String SHARED = Manifests.digest("shared layer");

    private final Repository repository = new Repository("111122223333", RepositorySettings.named("app"),
            Instant.EPOCH, new BlobStore(1024));
    private long pushes;

    @Test
    void imagesNamingABlobAlikeShareTheRepositorysInstance() {
        StoredImage first = push("one", SHARED, 100, LAYER);
        StoredImage second = push("two", SHARED, 100, LAYER);

        Blob held = repository.blob(SHARED).orElseThrow();
        assertThat(layerOf(first)).isSameAs(held);
        assertThat(layerOf(second)).isSameAs(held);
    }

    @Test
    void anImageNamingABlobOtherwiseKeepsItsOwnSizeAndMediaTypeWithTheSharedDigest() {
        push("one", SHARED, 100, LAYER);
        StoredImage other = push("two", SHARED, 250, "application/vnd.oci.image.layer.v1.tar+gzip");

        Blob held = repository.blob(SHARED).orElseThrow();
        assertThat(held).isEqualTo(new Blob(SHARED, 100, LAYER));
        assertThat(layerOf(other)).isEqualTo(new Blob(SHARED, 250, "application/vnd.oci.image.layer.v1.tar+gzip"));
        assertThat(layerOf(other).digest()).isSameAs(held.digest());
    }

    @Test
    void anUploadedBlobGainsTheMediaTypeTheFirstManifestNamingItGives() {
        repository.addBlob(SHARED, 100);

        StoredImage image = push("one", SHARED, 100, LAYER);

        assertThat(repository.blob(SHARED)).hasValue(new Blob(SHARED, 100, LAYER));
        assertThat(layerOf(image)).isSameAs(repository.blob(SHARED).orElseThrow());
    }

    private StoredImage push(String seed, String layerDigest, long layerSize, String layerMediaType) {
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"" + CONFIG + "\",\"size\":10,\"digest\":\"" + Manifests.digest(seed) + "\"},"
                + "\"layers\":[{\"mediaType\":\"" + layerMediaType + "\",\"size\":" + layerSize + ",\"digest\":\""
                + layerDigest + "\"}]}";
        return repository.put(manifest, Manifest.parse(manifest, null), Digests.of(manifest), seed, false,
                RegistryConfig.DEFAULTS.withLayerChecks(false), () -> ++pushes, Instant.EPOCH, false);
    }

    private static Blob layerOf(StoredImage image) {
        return image.parsed.blobs().get(1);
    }
}
