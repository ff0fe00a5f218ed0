package dev.ltv.fit;

import dev.ltv.model.ModelChoice;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.GammaGammaFitter;
import dev.ltv.predict.HoldoutData;
import dev.ltv.predict.ModelFitException;
import dev.ltv.predict.RfmSummary;

import java.time.LocalDate;

/**
 * What a fit computes beside BG/NBD and Gamma-Gamma on all data, from the same scan: the holdout, every
 * candidate model on all data and on the calibration period with its scorecard, the choice, the measured
 * lifespan and the company forecast under the chosen model.
 */
final class FitPassComputation {

    /** The default holdout is the last quarter of the observed span, at most 52 weeks. */
    static final long MAX_DEFAULT_HOLDOUT_DAYS = 364;

    /**
     * @param holdoutRead  customers whose holdout days were read
     */
    record Outcome(ModelChoice choice, LocalDate calibrationEnd, int holdoutRead) {
    }

    private FitPassComputation() {
    }

    /**
     * @param fitted   the customers the models are fitted on (the pass's sample)
     * @param firstDay the first purchase day of anyone in the calibration period (of the whole base, not the sample):
     *                 the default holdout is the last quarter of the span from it to the as-of day
     * @throws ModelFitException when the configured model cannot be fitted on all data
     */
    static Outcome run(dev.ltv.state.StateStore store, RfmSummary fitted, ClvModel base, FitRequest request,
                       FitSettings settings, LocalDate firstDay) {
        LocalDate asOf = fitted.asOf();
        Integer weeks = request.holdoutWeeks() != null ? request.holdoutWeeks() : settings.holdoutWeeks();
        LocalDate calibrationEnd = weeks != null ? asOf.minusWeeks(weeks)
                : HoldoutData.defaultCalibrationEnd(firstDay, asOf, MAX_DEFAULT_HOLDOUT_DAYS);
        HoldoutReads.Result holdout = calibrationEnd.isBefore(firstDay)
                ? new HoldoutReads.Result(null, "a holdout of " + weeks + " weeks starts before the first purchase ("
                + firstDay + ")", 0, 0)
                : HoldoutReads.read(store, fitted, calibrationEnd);
        double[][] spendCovariance;
        try {
            spendCovariance = GammaGammaFitter.logParameterCovariance(base.spend(), fitted.toGammaGammaData());
        } catch (ModelFitException | IllegalArgumentException notPositiveDefinite) {
            spendCovariance = null;
        }
        if (spendCovariance != null && !java.util.Arrays.stream(spendCovariance).flatMapToDouble(java.util.Arrays::stream)
                .allMatch(Double::isFinite)) {
            spendCovariance = null;
        }
        ModelChoice choice = CandidateFitting.choose(fitted.toBgNbdData(), fitted.unit(), holdout.holdout(),
                holdout.reason(), calibrationEnd, asOf, settings.configuredModel(), spendCovariance,
                settings.candidateFitBudget());
        return new Outcome(choice, calibrationEnd, holdout.read());
    }
}
