package dev.fakeecr.internal.registry;

import java.util.List;
import java.util.Map;

/**
 * What a push copies to other registries: the image as the source holds it (manifest, media type, the tag
 * pushed), the images a manifest list names, and the kept bytes of its layers. Immutable, so it crosses from
 * the source registry's lock to each destination's without holding both.
 *
 * @param repositoryName the repository, whose name the copies keep
 * @param digest the image's digest
 * @param manifest the manifest, verbatim
 * @param mediaType the manifest's media type
 * @param tag the tag pushed, or null
 * @param children the images a manifest list names, to copy first (untagged); empty for an image manifest
 * @param layerBytes the bytes of the layers and config, by digest (a blob seeded by digest only has none)
 * @param destinations where it goes
 */
public record Replica(String repositoryName, String digest, String manifest, String mediaType, String tag,
                      List<Replica> children, Map<String, BlobStore.Content> layerBytes,
                      List<ReplicationConfiguration.Destination> destinations) {}
