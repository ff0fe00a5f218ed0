package dev.ltv.fit;

import dev.ltv.model.ModelCandidate;
import dev.ltv.model.ModelChoice;
import dev.ltv.predict.BgNbdData;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.GammaGammaFitter;
import dev.ltv.predict.GammaGammaModel;
import dev.ltv.predict.HoldoutData;
import dev.ltv.predict.HoldoutScorecard;
import dev.ltv.predict.ModelFitException;
import dev.ltv.predict.ModelKind;
import dev.ltv.predict.PurchaseFit;
import dev.ltv.predict.PurchaseModelFitter;
import dev.ltv.predict.TimeUnit;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

/**
 * Fits every purchase model twice: on all data (the parameters predictions would use) and on the calibration
 * period (scored on the holdout), then chooses: the configured model, or the fitted one with the lowest holdout
 * RMSE of purchases; when none could be scored, the first in {@link ModelKind} order that fits all data.
 */
final class CandidateFitting {

    private CandidateFitting() {
    }

    /**
     * @param holdout       the holdout, or null when there is none ({@code noHoldout} says why)
     * @param spendCovariance Gamma-Gamma's log-parameter covariance on all data, or null
     * @throws ModelFitException when the configured model cannot be fitted on all data (the message says why)
     */
    static ModelChoice choose(BgNbdData all, TimeUnit unit, HoldoutData holdout, String noHoldout,
                              LocalDate calibrationEnd, LocalDate asOf, Optional<ModelKind> configured,
                              double[][] spendCovariance, Duration budget) {
        BudgetedFitter fitter = new BudgetedFitter(budget);
        String unscored = holdout == null ? noHoldout : calibrationInsufficiency(holdout);
        GammaGammaModel calibrationSpend = null;
        if (unscored == null) {
            try {
                calibrationSpend = new GammaGammaFitter().fit(holdout.calibrationSpend()).model();
            } catch (ModelFitException | IllegalArgumentException noSpendModel) {
                // the purchase forecast is still scored; the spend columns say no spend model
            }
        }
        List<ModelCandidate> candidates = new ArrayList<>();
        for (ModelKind kind : ModelKind.values()) {
            PurchaseFit fit = null;
            String refusal = null;
            try {
                fit = fitter.fit(kind, all, unit);
            } catch (ModelFitException | ArithmeticException e) {
                refusal = e.getMessage();
            }
            HoldoutScorecard card = null;
            String cardRefusal = unscored;
            if (unscored == null) {
                try {
                    card = HoldoutScorecard.score(fitter.fit(kind, holdout.calibration(), unit).model(),
                            calibrationSpend, holdout);
                } catch (ModelFitException | ArithmeticException e) {
                    cardRefusal = e.getMessage() + " (calibration period)";
                }
            }
            candidates.add(new ModelCandidate(kind, fit, refusal, card, card == null ? cardRefusal : null));
        }
        fitter.close();
        LocalDate end = holdout == null ? null : calibrationEnd;
        LocalDate holdoutEnd = holdout == null ? null : asOf;
        if (configured.isPresent()) {
            ModelCandidate chosen = candidates.get(configured.get().ordinal());
            if (!chosen.fitted()) {
                throw new ModelFitException(chosen.refusal() + " (configured by CLV_MODEL)");
            }
            return new ModelChoice(chosen.kind(), ModelChoice.Selection.CONFIGURED, end, holdoutEnd, candidates,
                    spendCovariance);
        }
        ModelCandidate chosen = candidates.stream().filter(c -> c.fitted() && c.scorecard() != null)
                .min(Comparator.comparingDouble(c -> c.scorecard().purchasesRmse()))
                .or(() -> candidates.stream().filter(ModelCandidate::fitted).findFirst())
                .orElseThrow(() -> new ModelFitException(String.join("; ",
                        candidates.stream().map(ModelCandidate::refusal).toList())));
        return new ModelChoice(chosen.kind(), ModelChoice.Selection.AUTO, end, holdoutEnd, candidates, spendCovariance);
    }

    /**
     * Pareto/NBD's fits on their own thread with a time budget: a likelihood that is slow to evaluate where the optimiser
     * wanders (Pareto/NBD's series near z = 1 on data with years of silence) is stopped and refused with the
     * reason, instead of holding up the whole fit.
     */
    private static final class BudgetedFitter implements AutoCloseable {
        private final PurchaseModelFitter fitter = new PurchaseModelFitter();
        private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "candidate-fit");
            t.setDaemon(true);
            return t;
        });
        private final Duration budget;

        BudgetedFitter(Duration budget) {
            this.budget = budget;
        }

        PurchaseFit fit(ModelKind kind, BgNbdData data, TimeUnit unit) {
            if (kind != ModelKind.PARETONBD) {
                return fitter.fit(kind, data, unit); // closed-form likelihoods: as fast as the BG/NBD fit before
            }
            Future<PurchaseFit> fit = thread.submit(() -> fitter.fit(kind, data, unit));
            try {
                return fit.get(budget.toMillis(), MILLISECONDS);
            } catch (TimeoutException e) {
                fit.cancel(true);
                throw new ModelFitException(kind.label() + ": the fit did not finish within " + budget.toSeconds()
                        + " s (CANDIDATE_FIT_SECONDS); the likelihood is too slow to evaluate where the optimiser went");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                fit.cancel(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fitting " + kind.label(), e);
            }
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }



    /** The same minimum as the fit on all data, applied to the calibration period. */
    private static String calibrationInsufficiency(HoldoutData holdout) {
        long repeat = java.util.Arrays.stream(holdout.frequency()).filter(x -> x > 0).count();
        if (holdout.size() < ClvModel.MIN_CUSTOMERS || repeat < ClvModel.MIN_REPEAT_CUSTOMERS) {
            return "the calibration period has " + holdout.size() + " customers, " + repeat + " of them repeat"
                    + " customers; scoring needs at least " + ClvModel.MIN_CUSTOMERS + " and "
                    + ClvModel.MIN_REPEAT_CUSTOMERS;
        }
        return null;
    }
}
