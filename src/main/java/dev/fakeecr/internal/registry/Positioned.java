package dev.fakeecr.internal.registry;

/**
 * An item of a listing with its place in the listing's order, a place that never changes while the item
 * exists (an image's push sequence): what a page token can resume after, even once the item is gone.
 *
 * @param position ascending along the listing
 * @param item the item
 * @param <T> the item's type
 */
public record Positioned<T>(long position, T item) {}
