package dev.ltv.segment.store;

import dev.ltv.calc.ClassicLtv;
import dev.ltv.config.LtvConfig;
import dev.ltv.model.PredictiveLtv;
import dev.ltv.model.StoredModel;
import dev.ltv.segment.CustomerFigures;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.segment.SegmentMembership;
import dev.ltv.segment.Segments;
import dev.ltv.state.CustomerState;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A customer's segments under the latest model's boundaries, as of a day: recency is counted to that day, the
 * classic LTV uses the deployment's default parameters (not a request's overrides), the predicted CLV and
 * P(alive) are the latest model's at that day. The recalculation and the daily reassignment both assign
 * through here, so they agree.
 */
public final class SegmentAssigner {

    private final LtvConfig config;

    public SegmentAssigner(LtvConfig config) {
        this.config = config;
    }

    /** What segmenting looks at (the predicted CLV kept exact, as the state stores it), or null without purchases. */
    record Assessed(CustomerFigures figures, BigDecimal predictedClv) {
    }

    /** The figures segmenting looks at, or null for a customer with no purchase left. */
    public CustomerFigures figures(CustomerState state, Optional<StoredModel> model, LocalDate today) {
        Assessed assessed = assess(state, model, today);
        return assessed == null ? null : assessed.figures();
    }

    private Assessed assess(CustomerState state, Optional<StoredModel> model, LocalDate today) {
        if (!state.hasPurchases()) {
            return null;
        }
        LocalDate asOf = state.lastDay().isAfter(today) ? state.lastDay() : today;
        BigDecimal ltv = classicLtv(state);
        BigDecimal clv = null;
        Double alive = null;
        if (model.isPresent()) {
            PredictiveLtv prediction = PredictiveLtv.forCustomer(state, model, asOf,
                    config.clvSettings(config.ltvParameters().grossMargin()), config.baseCurrency());
            if (PredictiveLtv.OK.equals(prediction.status())) {
                clv = prediction.clv();
                alive = prediction.probabilityAlive().doubleValue();
            }
        }
        return new Assessed(new CustomerFigures(ChronoUnit.DAYS.between(state.lastDay(), asOf), state.purchases(),
                state.revenue(), ltv, clv == null ? null : clv.doubleValue(), alive), clv);
    }

    /** The classic LTV with the deployment's default parameters, in the currency's minor unit. */
    public BigDecimal classicLtv(CustomerState state) {
        return ClassicLtv.customer(state.classicTotals().orElseThrow(), config.ltvParameters(), config.baseCurrency()).ltv();
    }

    /** The membership to store, or null: no boundaries yet, or no purchase left. */
    public SegmentMembership assign(CustomerState state, Optional<StoredModel> model, LocalDate today) {
        Optional<SegmentBoundaries> boundaries = model.flatMap(StoredModel::boundaries);
        if (boundaries.isEmpty()) {
            return null;
        }
        Assessed assessed = assess(state, model, today);
        if (assessed == null) {
            return null;
        }
        Segments segments = Segments.assign(assessed.figures(), boundaries.get());
        return SegmentMembership.of(segments, model.get().version(), state.revenue(), assessed.figures().ltv(),
                assessed.predictedClv());
    }
}
