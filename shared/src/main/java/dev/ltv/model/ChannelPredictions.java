package dev.ltv.model;

import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The predicted CLV summed per acquisition channel by the daily fit, under the model version it just fitted, for
 * every customer of the calibration period (first purchase on or before {@code asOf}), each predicted at
 * {@code asOf}. Stored as one item ({@code MODEL#CLV / CHANNEL_CLV}) that each successful fit replaces: the
 * per-customer snapshots on the state items mix model versions, these sums never do.
 *
 * @param sums per channel: customers predicted and the sum of their CLVs
 */
public record ChannelPredictions(long modelVersion, LocalDate asOf, int horizonMonths, SortedMap<String, Sum> sums) {

    static final String SORT_KEY = "CHANNEL_CLV";

    /** @param clvSum the sum of the customers' predicted CLVs (unrounded, base currency) */
    public record Sum(long customers, BigDecimal clvSum) {
        public Sum plus(Sum other) {
            return new Sum(customers + other.customers, clvSum.add(other.clvSum));
        }
    }

    public void save(DynamoDbClient dynamo, String table) {
        Map<String, AttributeValue> channels = new HashMap<>();
        sums.forEach((channel, sum) -> channels.put(channel, AttributeValue.fromM(Map.of(
                "customers", AttributeValue.fromN(Long.toString(sum.customers())),
                "clvSum", AttributeValue.fromN(sum.clvSum().toPlainString())))));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, AttributeValue.fromS(Keys.model(Keys.CLV_MODEL)));
        item.put(Keys.SK, AttributeValue.fromS(SORT_KEY));
        item.put("modelVersion", AttributeValue.fromN(Long.toString(modelVersion)));
        item.put("asOf", AttributeValue.fromS(asOf.toString()));
        item.put("horizonMonths", AttributeValue.fromN(Integer.toString(horizonMonths)));
        item.put("channels", AttributeValue.fromM(channels));
        dynamo.putItem(request -> request.tableName(table).item(item));
    }

    public static Optional<ChannelPredictions> load(DynamoDbClient dynamo, String table, boolean consistent) {
        var response = dynamo.getItem(request -> request.tableName(table).consistentRead(consistent).key(Map.of(
                Keys.PK, AttributeValue.fromS(Keys.model(Keys.CLV_MODEL)), Keys.SK, AttributeValue.fromS(SORT_KEY))));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        SortedMap<String, Sum> sums = new TreeMap<>();
        item.get("channels").m().forEach((channel, sum) -> sums.put(channel,
                new Sum(Long.parseLong(sum.m().get("customers").n()), new BigDecimal(sum.m().get("clvSum").n()))));
        return Optional.of(new ChannelPredictions(Long.parseLong(item.get("modelVersion").n()), LocalDate.parse(item.get("asOf").s()),
                Integer.parseInt(item.get("horizonMonths").n()), sums));
    }
}
