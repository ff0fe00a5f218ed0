package dev.ltv.fit;

import dev.ltv.predict.Rfm;
import dev.ltv.predict.TimeUnit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fit's sample: the same customers however the base is split into segments and in whatever order they come. */
class CustomerSampleTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);

    @Test
    void workersSampleMergedAreTheSampleOfTheWholeBase() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add("c-" + i);
        }
        Set<String> expected = new TreeSet<>(ids.stream()
                .sorted((a, b) -> Long.compareUnsigned(CustomerSample.hash(a), CustomerSample.hash(b)))
                .limit(1_000).toList());

        Collections.shuffle(ids, new Random(7));
        CustomerSample[] workers = new CustomerSample[3];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new CustomerSample(1_000, -1L);
        }
        for (int i = 0; i < ids.size(); i++) {
            workers[i % 3].offer(ids.get(i), rfm(i));
        }
        CustomerSample merged = new CustomerSample(1_000, -1L);
        for (CustomerSample worker : workers) {
            merged.merge(roundTrip(worker)); // as the fit step reads them back from the table
        }
        assertEquals(1_000, merged.size());
        assertEquals(expected, new TreeSet<>(merged.summary(AS_OF, TimeUnit.WEEKS).customers().keySet()));

        CustomerSample small = new CustomerSample(1_000, -1L);
        ids.subList(0, 600).forEach(id -> small.offer(id, rfm(1)));
        assertEquals(600, small.size(), "a base smaller than the sample is taken whole");
    }

    @Test
    void aHashLimitKeepsItsShareOfTheBaseUniformly() {
        CustomerSample limited = new CustomerSample(100_000, CustomerSample.hashLimit(0.1));
        for (int i = 0; i < 50_000; i++) {
            limited.offer("customer-" + i, rfm(i));
        }
        // binomial(50,000, 0.1): mean 5,000, standard deviation 67
        assertTrue(Math.abs(limited.size() - 5_000) < 300, "kept " + limited.size());
        assertEquals(-1L, CustomerSample.hashLimit(1.0));
        assertEquals(-1L, CustomerSample.hashLimit(2.5));
    }

    private static Rfm rfm(int i) {
        return new Rfm(i % 5, i % 5 * 3, 40 + i % 7, new BigDecimal(i % 5 == 0 ? "0" : "12.50"), TimeUnit.WEEKS);
    }

    private static CustomerSample roundTrip(CustomerSample sample) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            sample.write(out);
        }
        return CustomerSample.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), TimeUnit.WEEKS);
    }
}
