package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeecr.Manifests;
import dev.fakeecr.internal.account.AccountKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A seed file goes through the API's checks: a value the API would refuse stops the start, saying where and why. */
class SeedFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty repository name|{'accounts':[{'repositories':[{'name':''}]}]}|accounts[0].repositories[0].name: InvalidParameterException",
            "path-like upper-case name|{'accounts':[{'repositories':[{'name':'Bad Name/../UPPER'}]}]}|accounts[0].repositories[0].name: InvalidParameterException",
            "name that is a number|{'accounts':[{'repositories':[{'name':5}]}]}|accounts[0].repositories[0].name: must be a string",
            "no name|{'accounts':[{'repositories':[{}]}]}|accounts[0].repositories[0].name: InvalidParameterException",
            "tag with spaces|{'accounts':[{'repositories':[{'name':'app','images':[{'tag':'has space','manifest':'MANIFEST'}]}]}]}|accounts[0].repositories[0].images[0].tag: InvalidParameterException",
            "not an account|{'accounts':[{'accountId':'not-an-account'}]}|accounts[0].accountId: 'not-an-account' is not a 12-digit account id",
            "not a region|{'accounts':[{'region':'Mars'}]}|accounts[0].region: 'Mars' is not a region",
            "unknown tag mutability|{'accounts':[{'repositories':[{'name':'app','imageTagMutability':'SOMETIMES'}]}]}|accounts[0].repositories[0].imageTagMutability: InvalidParameterException",
            "repositories not a list|{'accounts':[{'repositories':{'name':'app'}}]}|accounts[0].repositories: must be a JSON array",
            "no manifest|{'accounts':[{'repositories':[{'name':'app','images':[{'tag':'v1'}]}]}]}|accounts[0].repositories[0].images[0].manifest: InvalidParameterException",
            "same repository twice|{'accounts':[{'repositories':[{'name':'app'},{'name':'app'}]}]}|accounts[0].repositories[1]: RepositoryAlreadyExistsException"})
    void aSeedTheApiWouldRefuseStopsTheStart(String name, String seed, String reason) throws Exception {
        Path file = write(seed);

        assertThatThrownBy(() -> EcrServer.start(new ServerOptions().seedFile(file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("seed file " + file + ": " + reason);
    }

    @Test
    void aGoodSeedLoads() throws Exception {
        String manifest = Manifests.dockerV2("seeded");
        Path file = dir.resolve("good.json");
        Files.writeString(file, JSON.writeValueAsString(Map.of("accounts", List.of(Map.of("accountId", "123456789012",
                "region", "eu-west-1", "repositories", List.of(Map.of("name", "team/app", "imageTagMutability",
                        "IMMUTABLE", "images", List.of(Map.of("tag", "1.0", "manifest", manifest)))))))));

        try (EcrServer server = EcrServer.start(new ServerOptions().seedFile(file))) {
            assertThat(server.accounts().find(new AccountKey("123456789012", "eu-west-1")).orElseThrow()
                    .registry().images("team/app")).singleElement()
                    .satisfies(image -> assertThat(image.tags()).containsExactly("1.0"));
        }
    }

    private Path write(String seed) throws Exception {
        Path file = dir.resolve("seed.json");
        Files.writeString(file, seed.replace('\'', '"').replace("MANIFEST", Manifests.oci("x").replace("\"", "\\\"")));
        return file;
    }
}
