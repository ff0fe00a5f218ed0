package dev.ltv.rank;

import dev.ltv.calc.ClassicLtv;
import dev.ltv.calc.LtvParameters;
import dev.ltv.calc.Rounding;
import dev.ltv.state.CustomerState;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes that put a customer state into the ranking indexes: its shard, the classic LTV with the
 * deployment's parameters ({@code ltv}, shown by the rankings), and one sort key per figure it has. A customer
 * without purchases gets none of them and so is in no ranking; one without a predicted CLV is left out of that
 * order only. Derived from the state alone (and the prediction snapshot written with it), so a full
 * recomputation gives the same attributes.
 */
public final class RankingAttributes {

    /** The classic LTV under the deployment's parameters, rounded as the API shows it. */
    public static final String LTV = "ltv";
    /** The prediction snapshot's attribute (see {@code dev.ltv.model.PredictionSnapshot}). */
    public static final String PREDICTED_CLV = "predictedClv";

    private final LtvParameters parameters;
    private final Currency currency;

    public RankingAttributes(LtvParameters parameters, Currency currency) {
        this.parameters = parameters;
        this.currency = currency;
    }

    /** Every attribute {@link #of} may set, so that a writer replacing them can remove those it no longer sets. */
    public static List<String> attributeNames() {
        List<String> names = new ArrayList<>(List.of(RankKeys.SHARD, LTV));
        for (RankOrder order : RankOrder.values()) {
            names.add(order.sortKeyAttribute());
        }
        return names;
    }

    /**
     * @param predictedClv the prediction snapshot stored with the same write, or null without one
     */
    public Map<String, AttributeValue> of(CustomerState state, BigDecimal predictedClv) {
        if (!state.hasPurchases()) {
            return Map.of();
        }
        String id = state.customerId();
        BigDecimal ltv = ClassicLtv.customer(state.classicTotals().orElseThrow(), parameters, currency).ltv();
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put(RankKeys.SHARD, AttributeValue.fromS(RankKeys.shardOf(id)));
        attributes.put(LTV, AttributeValue.fromN(ltv.toPlainString()));
        attributes.put(RankOrder.LTV.sortKeyAttribute(), AttributeValue.fromS(RankKeys.sortKey(ltv, currency, id)));
        attributes.put(RankOrder.REVENUE.sortKeyAttribute(), AttributeValue.fromS(
                RankKeys.sortKey(Rounding.money(state.revenue(), currency), currency, id)));
        if (predictedClv != null) {
            attributes.put(RankOrder.PREDICTED_CLV.sortKeyAttribute(), AttributeValue.fromS(
                    RankKeys.sortKey(predictedClv, currency, id)));
        }
        return attributes;
    }
}
