package dev.ltv.query;

import dev.ltv.api.ApiException;
import dev.ltv.calc.ChannelLtv;
import dev.ltv.calc.ChannelTotals;
import dev.ltv.calc.LtvParameters;
import dev.ltv.calc.Rounding;
import dev.ltv.model.ChannelPredictions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * {@code GET /channels}: per acquisition channel, its customers, their revenue, the average classic LTV and
 * LTV:CAC with the channel's acquisition cost, and the average predicted CLV of the latest fit. Pure apart from
 * what the caller read.
 */
final class ChannelsAssembler {

    static final String COST_PREFIX = "acquisitionCost.";
    static final String NO_PREDICTION = "no predictive model has been fitted yet (POST /model/fit, or wait for the schedule)";
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("\\d{1,15}(\\.\\d{1,15})?");

    private final Currency currency;
    private final Map<String, BigDecimal> configuredCosts;

    ChannelsAssembler(Currency currency, Map<String, BigDecimal> configuredCosts) {
        this.currency = currency;
        this.configuredCosts = configuredCosts;
    }

    /** The request's {@code acquisitionCost.<channel>} overrides, checked; the other parameters go on in {@code rest}. */
    record Request(QueryString rest, Map<String, BigDecimal> costs) {
    }

    Request split(Map<String, String> parameters) {
        Map<String, String> rest = new LinkedHashMap<>();
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (!name.startsWith(COST_PREFIX)) {
                rest.put(name, value);
                return;
            }
            String channel = name.substring(COST_PREFIX.length());
            if (channel.isEmpty() || channel.length() > 64 || channel.chars().anyMatch(Character::isISOControl)) {
                throw ApiException.badRequest(QueryString.UNKNOWN_PARAMETER, shown(name),
                        "acquisitionCost.<channel> needs a channel name of 1 to 64 characters");
            }
            int digits = Math.max(currency.getDefaultFractionDigits(), 0);
            if (!PLAIN_DECIMAL.matcher(value).matches() || new BigDecimal(value).stripTrailingZeros().scale() > digits) {
                throw ApiException.badRequest(ParameterOverrides.INVALID_PARAMETER, shown(name), shown(name)
                        + " must be an amount of " + currency.getCurrencyCode() + " of 0 or more, a plain decimal with at most "
                        + digits + " decimals");
            }
            costs.put(channel, new BigDecimal(value));
        });
        return new Request(new QueryString(rest), costs);
    }

    ChannelsView assemble(SortedMap<String, ChannelTotals> channels, Optional<ChannelPredictions> predictions,
                          ChosenParameters parameters, Map<String, BigDecimal> requestedCosts) {
        for (String channel : requestedCosts.keySet()) {
            if (!channels.containsKey(channel) && !configuredCosts.containsKey(channel)) {
                // a misspelt channel must not go unnoticed behind figures computed with the default cost
                throw ApiException.badRequest(QueryString.UNKNOWN_PARAMETER, shown(COST_PREFIX + channel),
                        "no customer was acquired through channel '" + shown(channel) + "', and no cost is configured for it");
            }
        }
        List<ChannelView> views = new ArrayList<>();
        channels.forEach((channel, totals) -> {
            BigDecimal cost;
            String source;
            if (requestedCosts.containsKey(channel)) {
                cost = requestedCosts.get(channel);
                source = "request";
            } else if (configuredCosts.containsKey(channel)) {
                cost = configuredCosts.get(channel);
                source = "configured";
            } else {
                cost = parameters.parameters().acquisitionCost();
                source = parameters.acquisitionCost() == ParameterSource.REQUEST ? "request" : "default";
            }
            LtvParameters withCost = parameters.parameters().withAcquisitionCost(cost);
            BigDecimal ltv = ChannelLtv.averageLtv(totals, withCost);
            BigDecimal predicted = predictions.map(p -> p.sums().get(channel))
                    .filter(sum -> sum.customers() > 0)
                    .map(sum -> Rounding.money(Rounding.divide(sum.clvSum(), BigDecimal.valueOf(sum.customers())), currency))
                    .orElse(null);
            Long predictedCustomers = predictions.map(p -> p.sums().get(channel)).map(ChannelPredictions.Sum::customers).orElse(null);
            views.add(new ChannelView(channel, totals.customers(), totals.purchases(), Rounding.money(totals.revenue(), currency),
                    Rounding.money(cost, currency), source,
                    Rounding.money(ChannelLtv.averageCustomerValue(totals), currency),
                    Rounding.money(ltv, currency),
                    cost.signum() == 0 ? null : Rounding.ratio(Rounding.divide(ltv, cost)),
                    predicted, predictedCustomers));
        });
        PredictedClv predictedClv = predictions
                .map(p -> new PredictedClv(p.modelVersion(), p.asOf().toString(), p.horizonMonths(), null))
                .orElse(new PredictedClv(null, null, null, NO_PREDICTION));
        return new ChannelsView(currency.getCurrencyCode(), Views.Parameters.of(parameters, currency), predictedClv, views);
    }

    private static String shown(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    record ChannelsView(String currency, Views.Parameters parameters, PredictedClv predictedClv, List<ChannelView> channels) {
    }

    /**
     * Which fit the channels' predicted CLVs come from: each customer of that fit's calibration period predicted at
     * its {@code asOf} under model {@code modelVersion}, over {@code horizonMonths}.
     */
    record PredictedClv(Long modelVersion, String asOf, Integer horizonMonths, String note) {
    }

    /**
     * @param averagePredictedClv absent before any fit, or when no customer of the channel was in the fit
     * @param predictedCustomers  the channel's customers the fit predicted (those acquired by its asOf)
     */
    record ChannelView(String channel, long customers, long purchases, BigDecimal revenue, BigDecimal acquisitionCost,
                       String acquisitionCostSource, BigDecimal averageCustomerValuePerYear, BigDecimal averageLtv,
                       BigDecimal ltvToCac, BigDecimal averagePredictedClv, Long predictedCustomers) {
    }
}
