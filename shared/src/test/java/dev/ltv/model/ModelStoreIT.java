package dev.ltv.model;

import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.predict.BgNbdFit;
import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.GammaGammaFit;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelStoreIT {

    private static final Instant T1 = Instant.parse("2024-03-01T02:00:00Z");
    private static final Instant T2 = Instant.parse("2024-03-02T02:00:00Z");

    private LocalDynamoDb dynamo;
    private String table;
    private ModelStore store;

    @BeforeEach
    void tables() {
        dynamo = LocalDynamoDb.shared();
        table = dynamo.createTables("model-" + System.nanoTime() + "-").get("LtvTable");
        store = new ModelStore(dynamo.client(), table);
    }

    /** Parameters with digits a decimal round trip through text would lose if it were not exact. */
    static ClvModel model(double r) {
        return new ClvModel(
                new BgNbdFit(new BgNbdParameters(r, 4.414 + Math.ulp(4.414), 0.793, 2.426, TimeUnit.WEEKS), -9582.43, 2357, 99),
                new GammaGammaFit(new GammaGammaParameters(6.25, 3.74, 15.44), -4000.1, 946, 42),
                LocalDate.of(1997, 9, 30));
    }

    @Test
    void savesVersionsInOrderAndMovesLatest() {
        assertEquals(Optional.empty(), store.latest());
        StoredModel first = store.save(model(0.243), 946, T1);
        StoredModel second = store.save(model(0.25), 950, T2);
        assertEquals(1, first.version());
        assertEquals(2, second.version());
        assertEquals(second, store.latest().orElseThrow());
        assertEquals(first, store.version(1).orElseThrow());
        assertEquals(FitAttempt.fitted(second), store.lastFit().orElseThrow());
    }

    @Test
    void readsBackExactlyTheSavedNumbers() {
        StoredModel saved = store.save(model(0.24278396), 946, T1);
        StoredModel read = store.latest().orElseThrow();
        assertEquals(saved, read); // record equality: every double bit for bit
        assertEquals(4.414 + Math.ulp(4.414), read.bgNbd().alpha());
        assertEquals(2357, read.customers());
        assertEquals(946, read.repeatCustomers());
        assertEquals(946, read.spendCustomers());
        assertEquals(LocalDate.of(1997, 9, 30), read.asOf());
        assertEquals(TimeUnit.WEEKS, read.unit());
        assertEquals(saved.model().purchases().parameters(), read.model().purchases().parameters());
    }

    @Test
    void storesTheDocumentedItemLayout() {
        store.save(model(0.243), 946, T1);
        Map<String, AttributeValue> item = dynamo.client().getItem(r -> r.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("MODEL#CLV"), "sk", AttributeValue.fromS("VERSION#000001")))).item();
        assertEquals("1", item.get("modelVersion").n());
        assertEquals("0.243", item.get("bgnbdR").n());
        assertEquals("15.44", item.get("gammaGammaGamma").n());
        assertEquals("weeks", item.get("unit").s());
        assertEquals("1997-09-30", item.get("asOf").s());
        assertEquals("2024-03-01T02:00:00Z", item.get("fittedAt").s());
    }

    @Test
    void aRefusalIsRecordedAndLeavesTheLatestModelAlone() {
        StoredModel saved = store.save(model(0.243), 946, T1);
        FitAttempt refusal = FitAttempt.refused("needs at least 30 customers, has 3", T2, LocalDate.of(2024, 3, 1),
                TimeUnit.WEEKS, 3);
        store.recordRefusal(refusal);
        assertEquals(saved, store.latest().orElseThrow());
        assertEquals(refusal, store.lastFit().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> store.recordRefusal(FitAttempt.fitted(saved)));
    }

    @Test
    void concurrentFitsNeverShareAVersion() throws Exception {
        int threads = 4;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    List<Long> versions = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        versions.add(store.save(model(0.243), 946, T1).version());
                    }
                    return versions;
                }));
            }
            Set<Long> versions = new TreeSet<>();
            for (Future<List<Long>> result : results) {
                versions.addAll(result.get());
            }
            assertEquals(threads * each, versions.size());
            assertEquals(Set.copyOf(java.util.stream.LongStream.rangeClosed(1, threads * each).boxed().toList()), versions);
            assertEquals(threads * each, store.latest().orElseThrow().version());
        } finally {
            pool.shutdownNow();
        }
        assertTrue(store.version(threads * each).isPresent());
    }
}
