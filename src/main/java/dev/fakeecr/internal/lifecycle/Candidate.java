package dev.fakeecr.internal.lifecycle;

import dev.fakeecr.registry.StorageClass;
import java.time.Instant;
import java.util.List;

/**
 * What the evaluator knows of one image: everything a rule can select or count by.
 *
 * @param digest the image's digest
 * @param tags its tags
 * @param pushedAt its push time
 * @param lastPulledAt its {@code lastRecordedPullTime}, or null if never pulled
 * @param lastActivatedAt when it was last restored from the archive, or null
 * @param storageClass the class it is in (an image being restored is not a candidate at all)
 * @param lastArchivedAt when it was last archived, or null
 * @param referencedByManifestList whether an active manifest list in its repository names it (it is then
 *     never acted on)
 * @param sequence its push order, the tie-break between equal push times (the later push is the newer)
 */
public record Candidate(String digest, List<String> tags, Instant pushedAt, Instant lastPulledAt,
                        Instant lastActivatedAt, StorageClass storageClass, Instant lastArchivedAt,
                        boolean referencedByManifestList, long sequence) {}
