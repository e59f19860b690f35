package dev.fakeecr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.internal.protocol.EcrProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the README true: its operations table matches the code, and its quick start is the sample's code. */
class ReadmeTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| (✅|⚠️|❌) \\|", Pattern.MULTILINE);

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void theOperationsTableListsEveryEcrOperationAndMarksExactlyTheImplementedOnes() throws IOException {
        Map<String, String> table = new TreeMap<>();
        Matcher row = ROW.matcher(readme());
        while (row.find()) {
            table.put(row.group(1), row.group(2));
        }

        assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(EcrProtocol.ECR_OPERATIONS);
        assertThat(table.entrySet()).filteredOn(e -> !e.getValue().equals("❌")).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrderElementsOf(EcrProtocol.supportedOperations());
    }

    @Test
    void everyJavaSnippetIsCompiledAndRunCode() throws IOException {
        String readme = readme();
        String compiled = Files.readString(
                Path.of("samples/image-promoter/src/test/java/com/example/promoter/ImagePromoterTest.java"))
                + Files.readString(Path.of("src/test/java/dev/fakeecr/ReadmeExamplesTest.java"))
                + Files.readString(Path.of("src/test/java/dev/fakeecr/LifecyclePolicyReadmeTest.java"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        int blocks = 0;
        while (block.find()) {
            blocks++;
            assertThat(block.group(1).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.equals("}")))
                    .as("README java block %s", blocks)
                    .allSatisfy(line -> assertThat(compiled).contains(line));
        }
        assertThat(blocks).as("java blocks in the README").isGreaterThanOrEqualTo(4);
    }
}
