package com.example.registryview;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/** A small web application that shows the tags of an ECR repository. */
@SpringBootApplication
public class RegistryViewApplication {
    public static void main(String[] args) {
        SpringApplication.run(RegistryViewApplication.class, args);
    }

    /** The application builds its own client, from the SDK's defaults (region, credentials, endpoint). */
    @Bean(destroyMethod = "close")
    EcrClient ecrClient() {
        return EcrClient.create();
    }

    @RestController
    static class TagsController {
        private final EcrClient ecr;

        TagsController(EcrClient ecr) {
            this.ecr = ecr;
        }

        @GetMapping("/tags")
        List<String> tags(@RequestParam String repository) {
            return ecr.listImages(r -> r.repositoryName(repository)).imageIds().stream()
                    .map(ImageIdentifier::imageTag).filter(t -> t != null).sorted().collect(Collectors.toList());
        }
    }
}
