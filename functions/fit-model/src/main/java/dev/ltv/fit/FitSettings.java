package dev.ltv.fit;

import dev.ltv.config.Env;
import dev.ltv.model.MeasuredLifespan;
import dev.ltv.predict.ModelKind;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The fit function's own configuration (template parameters ClvModel, HoldoutWeeks, LapseDays).
 *
 * @param configuredModel CLV_MODEL: {@code auto} (empty here: the lowest holdout RMSE) or the model to use
 * @param holdoutWeeks    HOLDOUT_WEEKS: the holdout to score candidates on; null for the default (the last
 *                        quarter of the observed span, at most 52 weeks)
 * @param lapseDays       LAPSE_DAYS: a customer without a purchase for this many days has lapsed (measured lifespan)
 * @param candidateFitBudget CANDIDATE_FIT_SECONDS: how long one candidate's fit may take before it is refused
 */
record FitSettings(Optional<ModelKind> configuredModel, Integer holdoutWeeks, int lapseDays,
                   Duration candidateFitBudget) {

    /** A fit on a million customers takes seconds; minutes mean the optimiser is somewhere it should not be. */
    static final int DEFAULT_CANDIDATE_FIT_SECONDS = 120;
    static final FitSettings DEFAULTS = new FitSettings(Optional.empty(), null, MeasuredLifespan.DEFAULT_LAPSE_DAYS,
            Duration.ofSeconds(DEFAULT_CANDIDATE_FIT_SECONDS));

    FitSettings {
        if (holdoutWeeks != null && (holdoutWeeks < 1 || holdoutWeeks > FitRequest.MAX_HOLDOUT_WEEKS)) {
            throw new Env.ConfigException("HOLDOUT_WEEKS must be 1.." + FitRequest.MAX_HOLDOUT_WEEKS
                    + " (or empty for the default), was " + holdoutWeeks);
        }
        if (candidateFitBudget.toSeconds() < 1 || candidateFitBudget.toSeconds() > 600) {
            throw new Env.ConfigException("CANDIDATE_FIT_SECONDS must be 1..600, was " + candidateFitBudget.toSeconds());
        }
        if (lapseDays < 1 || lapseDays > 3650) {
            throw new Env.ConfigException("LAPSE_DAYS must be 1..3650, was " + lapseDays);
        }
    }

    static FitSettings from(Env env) {
        String model = env.string("CLV_MODEL", "auto").trim().toLowerCase(Locale.ROOT);
        Optional<ModelKind> configured;
        try {
            configured = model.equals("auto") ? Optional.empty() : Optional.of(ModelKind.parse(model));
        } catch (IllegalArgumentException e) {
            throw new Env.ConfigException("CLV_MODEL must be auto, bgnbd, paretonbd or mbgnbd, was " + model);
        }
        Integer holdout = env.optional("HOLDOUT_WEEKS").map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new Env.ConfigException("HOLDOUT_WEEKS must be a whole number of weeks, was " + s);
            }
        }).orElse(null);
        return new FitSettings(configured, holdout, env.integer("LAPSE_DAYS", MeasuredLifespan.DEFAULT_LAPSE_DAYS),
                Duration.ofSeconds(env.integer("CANDIDATE_FIT_SECONDS", DEFAULT_CANDIDATE_FIT_SECONDS)));
    }
}
