package dev.ltv.recalc;

import dev.ltv.rank.RankingAttributes;
import dev.ltv.state.CustomerState;
import dev.ltv.state.StateAnnotator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds the ranking index attributes ({@link RankingAttributes}) to what another annotator stores with a state:
 * the predicted CLV order uses the prediction snapshot that annotator wrote, so the two always agree.
 */
final class RankingAnnotator implements StateAnnotator {

    private final StateAnnotator upstream;
    private final RankingAttributes rankings;

    RankingAnnotator(StateAnnotator upstream, RankingAttributes rankings) {
        this.upstream = upstream;
        this.rankings = rankings;
    }

    @Override
    public Map<String, AttributeValue> attributesFor(CustomerState state) {
        Map<String, AttributeValue> attributes = new HashMap<>(upstream.attributesFor(state));
        AttributeValue clv = attributes.get(RankingAttributes.PREDICTED_CLV);
        attributes.putAll(rankings.of(state, clv == null ? null : new BigDecimal(clv.n())));
        return attributes;
    }
}
