package dev.ltv.fit.segment;

import dev.ltv.model.StoredModel;
import dev.ltv.predict.ClvSettings;
import dev.ltv.predict.Prediction;
import dev.ltv.predict.Rfm;
import dev.ltv.predict.RfmSummary;
import dev.ltv.segment.CustomerFigures;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.segment.store.SegmentAssigner;
import dev.ltv.state.CustomerState;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The segment boundaries of the daily pass. The fit's scan over the customer states feeds recency, purchases,
 * revenue and classic LTV (the deployment's default parameters) into the sketches as it goes; the predicted CLV
 * needs the model that scan is fitting, so it is added once the fit is done, from the summaries the fit already
 * holds. The sketches' memory is bounded whatever the number of customers ({@link BoundarySketches}).
 */
public final class BoundaryPass {

    private final SegmentAssigner assigner;
    private final LocalDate asOf;
    private final BoundarySketches sketches = new BoundarySketches();

    public BoundaryPass(SegmentAssigner assigner, LocalDate asOf) {
        this.assigner = assigner;
        this.asOf = asOf;
    }

    /** One scanned state (the scan calls this under its lock). */
    public void add(CustomerState state) {
        CustomerFigures figures = assigner.figures(state, Optional.empty(), asOf);
        if (figures != null) {
            sketches.add(figures);
        }
    }

    /** The boundaries, with the value tiers of the predicted CLV under the model just fitted (its chosen purchase model). */
    public Optional<SegmentBoundaries> finish(StoredModel model, RfmSummary summary, ClvSettings settings) {
        if (model != null) {
            for (Rfm rfm : summary.customers().values()) {
                try {
                    if (model.predict(rfm, settings) instanceof Prediction prediction && Double.isFinite(prediction.clv())) {
                        sketches.addPredictedClv(prediction.clv());
                    }
                } catch (IllegalArgumentException | ArithmeticException e) {
                    // a history the model cannot describe has no predicted CLV, as in the recalculation
                }
            }
        }
        return sketches.boundaries(asOf);
    }

    /** The sketches so far (another worker's pass merges into one). */
    public BoundarySketches sketches() {
        return sketches;
    }
}
