package dev.fakeecr.registry;

/** ECR's {@code imageStatus}: where an image is between the standard and the archive storage class. */
public enum ImageStatus {
    /** In the standard storage class: listed by default and pullable. */
    ACTIVE,
    /** In the archive storage class (by a lifecycle {@code transition} or UpdateImageStorageClass): not pullable. */
    ARCHIVED,
    /** Being restored from the archive; it becomes {@link #ACTIVE} after the restore time, on the registry's clock. */
    ACTIVATING;

    /**
     * The storage class an image of this status is in: only an active image is in the standard class.
     *
     * @return {@link StorageClass#STANDARD} for {@link #ACTIVE}, else {@link StorageClass#ARCHIVE}
     */
    public StorageClass storageClass() {
        return this == ACTIVE ? StorageClass.STANDARD : StorageClass.ARCHIVE;
    }
}
