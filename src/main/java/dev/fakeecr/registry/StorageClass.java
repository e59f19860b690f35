package dev.fakeecr.registry;

/** ECR's image storage classes: where lifecycle rules select images ({@code storageClass}) and send them. */
public enum StorageClass {
    /** The default class of every pushed image. */
    STANDARD,
    /** Long-term storage: images a {@code transition} rule or UpdateImageStorageClass archived. */
    ARCHIVE
}
