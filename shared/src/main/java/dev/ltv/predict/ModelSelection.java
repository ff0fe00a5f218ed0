package dev.ltv.predict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Fits every purchase model on the calibration period, scores each on the holdout, and fits the chosen one
 * on all data: the configured model, or ({@code auto}) the one with the lowest holdout RMSE of purchases that
 * also fits all data; when no model can be scored, the first in {@link ModelKind} order that fits all data.
 */
public final class ModelSelection {

    /**
     * One candidate's holdout result: a scorecard, or the reason it could not be fitted on the calibration
     * period.
     */
    public record Candidate(ModelKind kind, Optional<PurchaseFit> calibrationFit, Optional<HoldoutScorecard> scorecard,
                            Optional<String> refusal) {
    }

    /** The model fitted on all data, and every candidate's holdout result (in {@link ModelKind} order). */
    public record Result(PurchaseFit chosen, List<Candidate> candidates) {
    }

    private ModelSelection() {
    }

    /**
     * @param all        every customer's (x, t_x, T) at the as-of day, or null to keep the calibration fit (when
     *                   the holdout is only scored, not followed by a refit)
     * @param configured the model to use, or empty for the best holdout score
     * @throws ModelFitException when no candidate (or not the configured one) can be fitted on all data; the
     *                           message gives each model's reason
     */
    public static Result select(HoldoutData holdout, BgNbdData all, TimeUnit unit, Optional<ModelKind> configured) {
        PurchaseModelFitter fitter = new PurchaseModelFitter();
        BgNbdData calibration = holdout.calibration();
        GammaGammaModel spend = null;
        try {
            spend = new GammaGammaFitter().fit(holdout.calibrationSpend()).model();
        } catch (ModelFitException | IllegalArgumentException noSpendModel) {
            // the purchase forecast is still scored; the spend columns stay empty
        }
        List<Candidate> candidates = new ArrayList<>();
        for (ModelKind kind : ModelKind.values()) {
            try {
                PurchaseFit fit = fitter.fit(kind, calibration, unit);
                HoldoutScorecard card = HoldoutScorecard.score(fit.model(), spend, holdout);
                candidates.add(new Candidate(kind, Optional.of(fit), Optional.of(card), Optional.empty()));
            } catch (ModelFitException | ArithmeticException e) {
                candidates.add(new Candidate(kind, Optional.empty(), Optional.empty(), Optional.of(e.getMessage())));
            }
        }
        List<ModelKind> order = new ArrayList<>();
        if (configured.isPresent()) {
            order.add(configured.get());
        } else {
            candidates.stream().filter(c -> c.scorecard().isPresent())
                    .sorted(Comparator.comparingDouble(c -> c.scorecard().get().purchasesRmse()))
                    .forEach(c -> order.add(c.kind()));
            if (order.isEmpty() && all != null) {
                // nothing could be scored (e.g. too few customers in the calibration period): fall back to the
                // first model that fits all data, the scorecard showing why none was scored
                order.addAll(List.of(ModelKind.values()));
            }
        }
        List<String> reasons = new ArrayList<>();
        for (Candidate c : candidates) {
            c.refusal().ifPresent(r -> reasons.add(r + " (calibration period)"));
        }
        for (ModelKind kind : order) {
            if (all == null) {
                Optional<PurchaseFit> fit = candidates.get(kind.ordinal()).calibrationFit();
                if (fit.isPresent()) {
                    return new Result(fit.get(), List.copyOf(candidates));
                }
                continue;
            }
            try {
                return new Result(fitter.fit(kind, all, unit), List.copyOf(candidates));
            } catch (ModelFitException | ArithmeticException e) {
                reasons.add(e.getMessage());
            }
        }
        throw new ModelFitException(reasons.isEmpty() ? "no model could be fitted" : String.join("; ", reasons));
    }
}
