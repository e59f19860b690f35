package dev.fakeecr.internal.lifecycle;

import dev.fakeecr.registry.LifecycleAction;

/**
 * The evaluator's verdict on one image: which rule acts on it, and how.
 *
 * @param candidate the image
 * @param action expire or transition
 * @param rulePriority the acting rule's priority
 */
public record Decision(Candidate candidate, LifecycleAction.Type action, int rulePriority) {}
