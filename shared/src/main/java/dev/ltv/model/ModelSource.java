package dev.ltv.model;

import java.util.Optional;

/** Where the functions that predict get the model from: the store itself, or a cache in front of it. */
@FunctionalInterface
public interface ModelSource {

    /** The newest saved model, or empty when none has been fitted yet. */
    Optional<StoredModel> latest();
}
