package dev.ltv.fit;

import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.model.ChannelPredictions;
import dev.ltv.model.ModelStore;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.Prediction;
import dev.ltv.predict.Rfm;
import dev.ltv.predict.Transaction;
import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.CustomerState;
import dev.ltv.state.PurchaseChange;
import dev.ltv.state.Recalculator;
import dev.ltv.state.StateStore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fit sums the predicted CLV per acquisition channel under the version it fitted, from its own scan. */
class ChannelClvIT {

    private static final String[] CHANNELS = {"email", "web", null};
    private static final LocalDate AS_OF = LocalDate.of(1997, 9, 30);

    @Test
    void theFitStoresEachChannelsSumOfItsCustomersPredictions() throws Exception {
        LocalDynamoDb dynamo = LocalDynamoDb.shared();
        Map<String, String> tables = dynamo.createTables("fit-channels-" + System.nanoTime() + "-");
        LtvConfig config = LtvConfig.from(Env.of(Map.of("PURCHASES_TABLE", tables.get("PurchasesTable"),
                "LTV_TABLE", tables.get("LtvTable"), "DYNAMODB_ENDPOINT", dynamo.endpoint().toString())));
        // the CDNOW calibration period, every customer's purchases through a channel chosen by its id
        Map<String, List<PurchaseChange>> byCustomer = new LinkedHashMap<>();
        int row = 0;
        for (Transaction t : FitModelHandlerIT.calibrationTransactions()) {
            row++;
            String channel = CHANNELS[Math.floorMod(t.customerId().hashCode(), CHANNELS.length)];
            Purchase purchase = new Purchase(t.customerId(), "cdnow-" + row, PurchaseKind.PURCHASE, t.amount(), "USD",
                    t.day().atTime(LocalTime.NOON).atOffset(ZoneOffset.UTC), t.day(), channel, null, null, null);
            byCustomer.computeIfAbsent(t.customerId(), id -> new ArrayList<>())
                    .add(new PurchaseChange("event-" + row, Integer.toString(row), t.customerId(), null, purchase));
        }
        StateStore store = new StateStore(dynamo.client(), config.ltvTable(), CapacityMeter.OFF);
        Recalculator recalculator = new Recalculator(dynamo.client(), store, Duration.ofDays(7), Clock.systemUTC(), CapacityMeter.OFF);
        byCustomer.forEach(recalculator::apply);

        var response = new FitModelHandler(config, dynamo.client())
                .handleRequest(FitRequestTest.post("{\"asOf\": \"1997-09-30\", \"unit\": \"weeks\"}"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());

        StoredModel model = new ModelStore(dynamo.client(), config.ltvTable()).latest().orElseThrow();
        ChannelPredictions stored = ChannelPredictions.load(dynamo.client(), config.ltvTable(), true).orElseThrow();
        assertEquals(model.version(), stored.modelVersion());
        assertEquals(AS_OF, stored.asOf());
        assertEquals(12, stored.horizonMonths());

        // every customer predicted again here, one at a time, and summed by the channel of its state
        Map<String, double[]> expected = new TreeMap<>();
        List<CustomerState> states = new ArrayList<>();
        store.scanStates(1, states::add);
        for (CustomerState state : states) {
            Rfm rfm = Rfm.fromState(state.purchaseDays(), state.firstDay(), state.lastDay(), state.revenue(),
                    state.firstDaySpend(), AS_OF, model.unit());
            Prediction p = (Prediction) model.model().predict(rfm, config.clvSettings(BigDecimal.ONE));
            double[] sum = expected.computeIfAbsent(state.acquisitionChannel(), c -> new double[2]);
            sum[0]++;
            sum[1] += p.clv();
        }
        assertEquals(java.util.Set.of("email", "unknown", "web"), expected.keySet());
        assertEquals(expected.keySet(), stored.sums().keySet());
        long customers = 0;
        for (var entry : expected.entrySet()) {
            ChannelPredictions.Sum sum = stored.sums().get(entry.getKey());
            assertEquals((long) entry.getValue()[0], sum.customers(), entry.getKey());
            assertEquals(entry.getValue()[1], sum.clvSum().doubleValue(), 1e-6 * Math.abs(entry.getValue()[1]), entry.getKey());
            customers += sum.customers();
        }
        assertEquals(2357, customers, "every CDNOW customer is predicted once");
        assertTrue(stored.sums().get("email").clvSum().signum() > 0);
    }
}
