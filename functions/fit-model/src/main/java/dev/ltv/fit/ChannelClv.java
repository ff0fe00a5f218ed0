package dev.ltv.fit;

import dev.ltv.model.ChannelPredictions;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.ClvSettings;
import dev.ltv.predict.Prediction;
import dev.ltv.predict.Rfm;
import dev.ltv.predict.RfmSummary;
import dev.ltv.state.AcquisitionChannel;
import dev.ltv.state.CustomerState;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The predicted CLV per acquisition channel, from the fit's own scan: each state's channel is noted as the scan
 * passes, and once a model is fitted every calibration customer's CLV under it (at the calibration end) is summed
 * by channel and stored ({@link ChannelPredictions}). Nothing is read twice.
 */
final class ChannelClv {

    private final DynamoDbClient dynamo;
    private final String table;
    private final ClvSettings settings;

    ChannelClv(DynamoDbClient dynamo, String table, ClvSettings settings) {
        this.dynamo = dynamo;
        this.table = table;
        this.settings = settings;
    }

    /** One fit's collector: give it every scanned state, then {@link Collector#save} after a successful fit. */
    Collector collector() {
        return new Collector();
    }

    final class Collector implements Consumer<CustomerState> {

        private final Map<String, String> channelOf = new HashMap<>();

        @Override
        public synchronized void accept(CustomerState state) {
            if (state.hasPurchases()) {
                channelOf.put(state.customerId(),
                        state.acquisitionChannel() == null ? AcquisitionChannel.UNKNOWN : state.acquisitionChannel());
            }
        }

        ChannelPredictions save(StoredModel model, RfmSummary summary) {
            Map<String, ChannelPredictions.Sum> sums = new TreeMap<>();
            summary.customers().forEach((customerId, rfm) -> {
                String channel = channelOf.get(customerId);
                Double clv = clv(model, rfm);
                if (channel != null && clv != null) {
                    // six decimals each: a sum of exact binary fractions would outgrow DynamoDB's 38 digits
                    sums.merge(channel, new ChannelPredictions.Sum(1, BigDecimal.valueOf(clv).setScale(6, RoundingMode.HALF_EVEN)),
                            ChannelPredictions.Sum::plus);
                }
            });
            ChannelPredictions predictions = new ChannelPredictions(model.version(), summary.asOf(), settings.horizonMonths(),
                    new TreeMap<>(sums));
            try {
                predictions.save(dynamo, table);
            } catch (RuntimeException e) {
                // the model is saved and in use: the channels keep the previous fit's sums, which name their version
                System.err.println("ERROR the predicted CLV per channel of model version " + model.version()
                        + " was not stored: " + e);
            }
            return predictions;
        }

        private Double clv(StoredModel model, Rfm rfm) {
            try {
                return model.predict(rfm, settings) instanceof Prediction p && Double.isFinite(p.clv()) ? p.clv() : null;
            } catch (IllegalArgumentException | ArithmeticException e) {
                return null; // a history the model cannot describe: left out, as the customer's own prediction says
            }
        }
    }
}
