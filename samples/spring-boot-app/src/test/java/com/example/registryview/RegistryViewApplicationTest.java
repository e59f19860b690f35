package com.example.registryview;

import static dev.fakeecr.assertj.EcrAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.junit.FakeEcrExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;

/**
 * The application on a real Jetty 12 port, its own EcrClient bean routed to the fake: one account for
 * the class, routed before Spring builds the context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class RegistryViewApplicationTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().accountPerClass().routeDefaultClients().build();

    static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":2,"
            + "\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"},\"layers\":[]}";

    @Autowired
    TestRestTemplate http;

    @Autowired
    WebServerApplicationContext context;

    @BeforeAll
    static void seed(FakeEcr fake) {
        fake.createRepository("shop/api");
        fake.putImage("shop/api", "1.4.2", MANIFEST);
        fake.putImage("shop/api", "production", MANIFEST);
    }

    @Test
    void theApplicationsOwnClientReadsTheFake(FakeEcr fake) {
        List<String> tags = http.exchange("/tags?repository=shop/api", HttpMethod.GET, null,
                new ParameterizedTypeReference<List<String>>() {}).getBody();

        assertThat(tags).containsExactly("1.4.2", "production");
        assertThat(fake).calls("ListImages").hasSize(1).first().succeeded().hasRepositoryName("shop/api");
    }

    @Test
    void theApplicationRunsOnJetty12BesideTheFakesShadedJetty() {
        assertThat(context.getWebServer().getClass().getName())
                .isEqualTo("org.springframework.boot.web.embedded.jetty.JettyWebServer");
        assertThat(org.eclipse.jetty.util.Jetty.VERSION).startsWith("12.");
    }
}
