package dev.fakeecr.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.registry.RegistryConfig;
import dev.fakeecr.registry.RepositorySettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** One heap budget for the layer bytes of every registry of a server: past it, blobs go to temporary files. */
class MemoryBudgetTest {
    private static Registry registry(String account, MemoryBudget budget) {
        Registry registry = new Registry(account, "us-east-1", Clock.systemUTC(), RegistryConfig.DEFAULTS, budget);
        registry.createRepository(RepositorySettings.named("app"));
        return registry;
    }

    @Test
    void registriesShareTheBudgetAndSpillPastIt() {
        MemoryBudget budget = new MemoryBudget(16);
        Registry first = registry("111111111111", budget);
        Registry second = registry("222222222222", budget);
        byte[] twelve = "twelve bytes".getBytes(StandardCharsets.UTF_8);
        byte[] other = "other bytes!".getBytes(StandardCharsets.UTF_8);

        first.putLayer("app", twelve);
        String spilled = second.putLayer("app", other);

        assertThat(budget.heapBytes()).as("the first fits, the second would pass 16").isEqualTo(12);
        assertThat(budget.fileBytes()).isEqualTo(12);
        assertThat(second.layerMemory().retainedBytes()).isZero();
        assertThat(second.layerContent("app", spilled)).get().satisfies(c -> assertThat(c.readAll()).isEqualTo(other));

        first.close();
        second.close();
        assertThat(budget.heapBytes()).as("a released registry gives its bytes back").isZero();
        assertThat(budget.fileBytes()).isZero();
    }

    @Test
    void anUploadLeftOpenIsGivenBackWhenTheRegistryCloses() throws Exception {
        MemoryBudget budget = new MemoryBudget(1024);
        Registry registry = registry("111111111111", budget);
        LayerUpload upload = registry.startUpload("app");
        upload.append(new java.io.ByteArrayInputStream(new byte[100]), 100);
        assertThat(budget.heapBytes()).isEqualTo(100);

        registry.close();

        assertThat(budget.heapBytes()).isZero();
    }
}
