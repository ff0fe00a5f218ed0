package dev.ltv.fit.segment;

import dev.ltv.segment.CustomerFigures;
import dev.ltv.segment.store.SegmentAssigner;
import dev.ltv.state.CustomerState;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The segment boundaries' part of the daily pass's first scan: each scanned state's recency, purchases, revenue and
 * classic LTV (the deployment's default parameters) go into the worker's sketches as it goes. The predicted CLV needs
 * the model that scan is fitting, so the pass's second scan adds it under that model. The sketches' memory is bounded
 * whatever the number of customers ({@link BoundarySketches}).
 */
public final class BoundaryPass {

    private final SegmentAssigner assigner;
    private final LocalDate asOf;
    private final BoundarySketches sketches;

    public BoundaryPass(SegmentAssigner assigner, LocalDate asOf, BoundarySketches sketches) {
        this.assigner = assigner;
        this.asOf = asOf;
        this.sketches = sketches;
    }

    /** One scanned state with purchases. */
    public void add(CustomerState state) {
        CustomerFigures figures = assigner.figures(state, Optional.empty(), asOf);
        if (figures != null) {
            sketches.add(figures);
        }
    }
}
