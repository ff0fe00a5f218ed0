package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.dynamodblocal.StreamEvents;
import dev.ltv.dynamodblocal.StreamReader;
import dev.ltv.model.ModelStore;
import dev.ltv.predict.BgNbdFit;
import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.GammaGammaFit;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.TimeUnit;
import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;
import dev.ltv.rank.RankKeys;
import dev.ltv.rank.RankOrder;
import dev.ltv.store.PurchaseItems;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recalculation keeps the ranking indexes current: one stream batch moves a customer's rank. */
class RankingWritesIT {

    @Test
    void oneMorePurchaseMovesTheCustomersRankWithinOneStreamBatch() {
        TestEnvironment env = TestEnvironment.create("ranking-writes");
        new ModelStore(env.dynamo().client(), env.config().ltvTable()).save(new ClvModel(
                new BgNbdFit(new BgNbdParameters(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEKS), -9582.4, 2357, 0),
                new GammaGammaFit(new GammaGammaParameters(6.25, 3.74, 15.44), 0, 946, 0),
                LocalDate.of(2026, 10, 31)), 946, Instant.now());
        RecalculateLtvHandler handler = new RecalculateLtvHandler(env.config(), env.dynamo().client());
        StreamReader stream = new StreamReader(env.dynamo().streams(), env.streamArn());

        // c-0 … c-5: one purchase each of 10.00, 20.00, … 60.00
        for (int i = 0; i < 6; i++) {
            put(env, purchase("c-" + i, "p-" + i, (i + 1) * 10 + ".00", "2026-03-0" + (i + 1)));
        }
        deliver(handler, stream);
        assertEquals(List.of("c-5", "c-4", "c-3", "c-2", "c-1", "c-0"), ranking(env, RankOrder.LTV));
        assertEquals(List.of("c-5", "c-4", "c-3", "c-2", "c-1", "c-0"), ranking(env, RankOrder.REVENUE));
        assertEquals(6, ranking(env, RankOrder.PREDICTED_CLV).size(), "with a model, every customer has a predicted CLV");

        // c-0 buys 100.00 more: 110.00, more than anybody; its old entries are gone from every index
        put(env, purchase("c-0", "p-100", "100.00", "2026-04-01"));
        assertEquals(1, deliver(handler, stream), "one stream batch");
        assertEquals(List.of("c-0", "c-5", "c-4", "c-3", "c-2", "c-1"), ranking(env, RankOrder.LTV));
        assertEquals(List.of("c-0", "c-5", "c-4", "c-3", "c-2", "c-1"), ranking(env, RankOrder.REVENUE));
        assertEquals(6, ranking(env, RankOrder.PREDICTED_CLV).size());

        // the predicted CLV order uses the snapshot stored with the same write
        Map<String, AttributeValue> state = env.dynamo().client().getItem(r -> r.tableName(env.config().ltvTable())
                .key(Map.of("pk", AttributeValue.fromS("CUSTOMER#c-0"), "sk", AttributeValue.fromS("STATE")))).item();
        assertEquals(RankKeys.sortKey(new BigDecimal(state.get("predictedClv").n()), env.config().baseCurrency(), "c-0"),
                state.get(RankOrder.PREDICTED_CLV.sortKeyAttribute()).s());
        assertEquals(0, new BigDecimal("330.00").compareTo(new BigDecimal(state.get("ltv").n())), "110.00 over 2 purchases a year, 3 years");
        assertTrue(state.get(RankOrder.LTV.sortKeyAttribute()).s().endsWith("#c-0"));
    }

    private static Purchase purchase(String customer, String id, String amount, String day) {
        return new Purchase(customer, id, PurchaseKind.PURCHASE, new BigDecimal(amount), "USD",
                LocalDate.parse(day).atTime(12, 0).atOffset(ZoneOffset.UTC), LocalDate.parse(day), "web", null, null, BigDecimal.ZERO);
    }

    private static void put(TestEnvironment env, Purchase p) {
        env.dynamo().client().putItem(r -> r.tableName(env.config().purchasesTable()).item(PurchaseItems.toItem(p)));
    }

    /** Everything new on the stream as one batch; returns the number of batches (1). */
    private static int deliver(RecalculateLtvHandler handler, StreamReader stream) {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (var record : stream.readNew()) {
            records.add(StreamEvents.toLambdaRecord(record, stream.streamArn(), LocalDynamoDb.REGION));
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        assertTrue(handler.handleRequest(event, null).getBatchItemFailures().isEmpty());
        return 1;
    }

    /** The whole index, highest first: every shard read and the entries sorted by their keys. */
    private static List<String> ranking(TestEnvironment env, RankOrder order) {
        List<String> keys = new ArrayList<>();
        for (int shard = 0; shard < RankKeys.SHARDS; shard++) {
            String shardKey = RankKeys.shard(shard);
            env.dynamo().client().query(r -> r.tableName(env.config().ltvTable()).indexName(order.indexName())
                    .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", RankKeys.SHARD))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(shardKey))))
                    .items().forEach(item -> keys.add(item.get(order.sortKeyAttribute()).s()));
        }
        return keys.stream().sorted(Comparator.reverseOrder()).map(RankKeys::customerIdOf).toList();
    }
}
