package dev.ltv.fit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.model.ModelStore;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.StandardErrors;
import dev.ltv.predict.Transaction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A base larger than the configured sample is fitted on exactly the sample (the customers with the smallest id
 * hashes), while the lifespan, the forecast and the boundaries still count every customer; on synthetic BG/NBD data
 * with known parameters the sample's estimates agree with the whole base's within their standard errors.
 */
class FitSampleIT {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
    private static final String FIT = "{\"asOf\": \"2026-11-30\", \"unit\": \"weeks\"}";
    private static final int CUSTOMERS = 3_000;
    private static final int SAMPLE = 1_000;
    /** BG/NBD, simulated in days: a purchase every 86 days on average while alive, a 21 % chance to drop out after each. */
    private static final double R = 0.7;
    private static final double ALPHA = 60;
    private static final double A = 0.8;
    private static final double B = 3.0;
    /** Gamma-Gamma spend (CDNOW's estimates): about 35 a purchase on average. */
    private static final double SPEND_P = 6.25;
    private static final double SPEND_Q = 3.74;
    private static final double SPEND_GAMMA = 15.44;

    @Test
    void aLargerBaseIsFittedOnItsSampleAndEveryCustomerIsCounted() throws Exception {
        LtvConfig config = FitModelHandlerIT.config("fit-sample");
        List<Transaction> transactions = synthetic(new SplittableRandom(20261201));
        assertEquals(CUSTOMERS, FitModelHandlerIT.writeStates(config, transactions));
        FitModelHandlerIT.ManualClock clock = new FitModelHandlerIT.ManualClock();
        clock.now = Instant.parse("2026-12-01T06:00:00Z");

        APIGatewayV2HTTPResponse whole = new FitModelHandler(config, FitModelHandlerIT.dynamo().client(), clock,
                Env.of(Map.of("CANDIDATE_FIT_SECONDS", "20")), events -> { }).handleRequest(FitRequestTest.post(FIT), null);
        assertEquals(200, whole.getStatusCode(), whole.getBody());
        // the sampled fit follows a fit that counted the base: its workers keep only about 1.1 × their share
        APIGatewayV2HTTPResponse sampled = new FitModelHandler(config, FitModelHandlerIT.dynamo().client(), clock,
                Env.of(Map.of("FIT_SAMPLE_SIZE", Integer.toString(SAMPLE), "CANDIDATE_FIT_SECONDS", "20")), events -> { })
                .handleRequest(FitRequestTest.post(FIT), null);
        assertEquals(200, sampled.getStatusCode(), sampled.getBody());
        ModelStore models = new ModelStore(FitModelHandlerIT.dynamo().client(), config.ltvTable());
        StoredModel all = models.version(1).orElseThrow();
        StoredModel sample = models.version(2).orElseThrow();

        assertEquals(CUSTOMERS, all.customers());
        assertEquals(SAMPLE, sample.customers(), "fitted on exactly the sample");
        assertEquals(repeatBuyersAmongSmallestHashes(transactions), sample.repeatCustomers(),
                "the sample is the customers with the smallest hashes");
        assertEquals(CUSTOMERS, sample.forecast().customers(), "the forecast sums every customer");
        assertEquals(all.lifespan(), sample.lifespan(), "the lifespan is summed over every customer");
        assertEquals(CUSTOMERS, sample.boundaries().orElseThrow().customers(), "the boundaries sketch every customer");

        StandardErrors seAll = all.standardErrors();
        StandardErrors seSample = sample.standardErrors();
        double[] truth = {R, ALPHA / 7, A, B}; // fitted in weeks: the rate's scale is a seventh
        double[] full = {all.bgNbd().r(), all.bgNbd().alpha(), all.bgNbd().a(), all.bgNbd().b()};
        double[] part = {sample.bgNbd().r(), sample.bgNbd().alpha(), sample.bgNbd().a(), sample.bgNbd().b()};
        double[] fullSe = {seAll.r(), seAll.alpha(), seAll.a(), seAll.b()};
        double[] partSe = {seSample.r(), seSample.alpha(), seSample.a(), seSample.b()};
        String[] names = {"r", "alpha", "a", "b"};
        for (int i = 0; i < 4; i++) {
            assertTrue(Math.abs(full[i] - truth[i]) <= 4 * fullSe[i],
                    names[i] + " of the whole base: " + full[i] + " ± " + fullSe[i] + ", true " + truth[i]);
            assertTrue(Math.abs(part[i] - full[i]) <= 3 * partSe[i],
                    names[i] + " of the sample: " + part[i] + " ± " + partSe[i] + ", whole base " + full[i]);
        }
        System.out.printf("BG/NBD on %d customers: r %.3f α %.2f a %.3f b %.3f; on the sample of %d: r %.3f α %.2f a %.3f b %.3f"
                        + " (standard errors %.3f %.2f %.3f %.3f vs %.3f %.2f %.3f %.3f)%n",
                CUSTOMERS, full[0], full[1], full[2], full[3], SAMPLE, part[0], part[1], part[2], part[3],
                fullSe[0], fullSe[1], fullSe[2], fullSe[3], partSe[0], partSe[1], partSe[2], partSe[3]);
    }

    private static long repeatBuyersAmongSmallestHashes(List<Transaction> transactions) {
        Map<String, TreeSet<LocalDate>> days = new HashMap<>();
        transactions.forEach(t -> days.computeIfAbsent(t.customerId(), id -> new TreeSet<>()).add(t.day()));
        return days.keySet().stream()
                .sorted(Comparator.comparing(CustomerSample::hash, Long::compareUnsigned))
                .limit(SAMPLE).filter(id -> days.get(id).size() > 1).count();
    }

    /** Customers acquired over two years, each buying by BG/NBD with the parameters above, in whole days. */
    private static List<Transaction> synthetic(SplittableRandom random) {
        List<Transaction> transactions = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            String id = "s-" + c;
            long age = 60 + random.nextInt(671);
            double lambda = gamma(random, R) / ALPHA;
            double g = gamma(random, A);
            double dropout = g / (g + gamma(random, B));
            // Gamma-Gamma spend: each customer's mean spend differs (ν), each purchase varies around it
            double nu = gamma(random, SPEND_Q) / SPEND_GAMMA;
            LocalDate first = AS_OF.minusDays(age);
            transactions.add(new Transaction(id, first, amount(random, nu)));
            double time = 0;
            long lastDay = 0;
            while (true) {
                time += -Math.log(1 - random.nextDouble()) / lambda;
                if (time > age) {
                    break;
                }
                long day = (long) Math.floor(time);
                if (day > lastDay) {
                    transactions.add(new Transaction(id, first.plusDays(day), amount(random, nu)));
                    lastDay = day;
                }
                if (random.nextDouble() < dropout) {
                    break;
                }
            }
        }
        return transactions;
    }

    private static BigDecimal amount(SplittableRandom random, double nu) {
        return BigDecimal.valueOf(Math.max(0.01, gamma(random, SPEND_P) / nu)).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang, boosted for shape below 1. */
    private static double gamma(SplittableRandom random, double shape) {
        if (shape < 1) {
            return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = normal(random);
            double v = Math.pow(1 + c * x, 3);
            if (v > 0 && Math.log(random.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static double normal(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
