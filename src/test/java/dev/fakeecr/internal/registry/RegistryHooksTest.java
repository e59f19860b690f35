package dev.fakeecr.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.Manifests;
import dev.fakeecr.registry.RegistryConfig;
import dev.fakeecr.registry.RepositorySettings;
import dev.fakeecr.registry.TagMutability;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry's entry points the registry endpoint calls (create on push, blob mounting, referrers). */
class RegistryHooksTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);

    private static Registry registry() {
        return new Registry("111122223333", "us-east-1", CLOCK, RegistryConfig.DEFAULTS.withLayerChecks(false));
    }

    @Test
    void createOnPushNeedsATemplateAppliedForIt() {
        Registry registry = registry();
        registry.createTemplate(new CreationTemplate("team", null, null, null, null, TagMutability.IMMUTABLE, null,
                null, null, List.of("CREATE_ON_PUSH"), null, null, null));
        registry.createTemplate(new CreationTemplate("other", null, null, null, null, null, null, null, null,
                List.of("REPLICATION"), null, null, null));

        assertThat(registry.createOnPush("other/app")).as("its template is for replication only").isEmpty();
        assertThat(registry.createOnPush("team/app")).hasValueSatisfying(
                r -> assertThat(r.tagMutability()).isEqualTo(TagMutability.IMMUTABLE));
        assertThat(registry.createOnPush("team/app")).as("it exists now").isEmpty();
    }

    @Test
    void blobMountingFollowsTheAccountSetting() {
        Registry registry = registry();
        assertThat(registry.blobMountingEnabled()).isFalse();

        registry.putAccountSetting("BLOB_MOUNTING", "ENABLED");

        assertThat(registry.blobMountingEnabled()).isTrue();
    }

    @Test
    void referrersAreFoundBySubjectWhetherOrNotTheSubjectIsThere() {
        Registry registry = registry();
        registry.createRepository(RepositorySettings.named("app"));
        String subject = Manifests.digest("absent subject");
        String referrer = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.example.sbom\",\"size\":2,\"digest\":\""
                + Manifests.digest("c") + "\"},\"layers\":[],\"subject\":{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"size\":1,\"digest\":\"" + subject + "\"}}";
        registry.seedImage("app", referrer, null, null);

        assertThat(registry.referrers("app", subject, null)).singleElement().satisfies(r -> {
            assertThat(r.artifactType()).as("the config's media type").isEqualTo("application/vnd.example.sbom");
            assertThat(r.digest()).isEqualTo(Digests.of(referrer));
        });
        assertThat(registry.referrers("app", subject, List.of("application/other"))).isEmpty();
    }
}
