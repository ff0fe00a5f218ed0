package dev.ltv.fit;

import dev.ltv.predict.Rfm;
import dev.ltv.predict.RfmSummary;
import dev.ltv.predict.TimeUnit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The customers the models are fitted on: the {@code capacity} customers with the smallest hash of their id (a
 * bottom-k sample). Deterministic, uniform over the base whatever its order, and mergeable: the sample of two scan
 * segments merged is the sample of both together, so workers sample their segments and the fit merges them into
 * exactly the sample one scan would have drawn. A base no larger than {@code capacity} is taken whole.
 *
 * <p>{@code hashLimit} (unsigned; -1 keeps every hash) lets a worker drop at once the customers that cannot be
 * among the smallest hashes of the whole base, so that its partial stays near {@code capacity / workers}.
 */
final class CustomerSample {

    record Entry(long hash, String customerId, Rfm rfm) {
    }

    private static final Comparator<Entry> LARGEST_FIRST = Comparator.<Entry, Long>comparing(Entry::hash,
            (a, b) -> Long.compareUnsigned(b, a)).thenComparing(Entry::customerId, Comparator.reverseOrder());

    private final int capacity;
    private final long hashLimit;
    private final PriorityQueue<Entry> kept = new PriorityQueue<>(LARGEST_FIRST);

    CustomerSample(int capacity, long hashLimit) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a sample holds at least one customer, was " + capacity);
        }
        this.capacity = capacity;
        this.hashLimit = hashLimit;
    }

    void offer(String customerId, Rfm rfm) {
        offer(new Entry(hash(customerId), customerId, rfm));
    }

    private void offer(Entry entry) {
        if (Long.compareUnsigned(entry.hash(), hashLimit) > 0) {
            return;
        }
        if (kept.size() < capacity) {
            kept.add(entry);
        } else if (LARGEST_FIRST.compare(entry, kept.peek()) > 0) {
            kept.poll();
            kept.add(entry);
        }
    }

    void merge(CustomerSample other) {
        other.kept.forEach(this::offer);
    }

    int size() {
        return kept.size();
    }

    /**
     * The sample in hash order: the fit sums over customers in this order, so that its figures are the same to the
     * last bit however many workers drew the sample.
     */
    RfmSummary summary(LocalDate asOf, TimeUnit unit) {
        Map<String, Rfm> customers = new LinkedHashMap<>();
        kept.stream().sorted(LARGEST_FIRST.reversed()).forEach(entry -> customers.put(entry.customerId(), entry.rfm()));
        return new RfmSummary(asOf, unit, customers);
    }

    /** A stable 64-bit hash of the id (FNV-1a, then SplitMix64's finalizer to spread similar ids). */
    static long hash(String customerId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : customerId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /** The hash limit that keeps about {@code fraction} of all customers (1 or more: all). */
    static long hashLimit(double fraction) {
        if (!(fraction < 1)) {
            return -1L;
        }
        return new BigDecimal(fraction).multiply(new BigDecimal("18446744073709551616")).toBigInteger().longValue();
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(capacity);
        out.writeLong(hashLimit);
        List<Entry> entries = new ArrayList<>(kept);
        out.writeInt(entries.size());
        for (Entry entry : entries) {
            out.writeUTF(entry.customerId());
            Rfm rfm = entry.rfm();
            out.writeInt(rfm.frequency());
            out.writeDouble(rfm.recency());
            out.writeDouble(rfm.age());
            out.writeUTF(rfm.monetaryValue().toString());
        }
    }

    static CustomerSample read(DataInputStream in, TimeUnit unit) throws IOException {
        CustomerSample sample = new CustomerSample(in.readInt(), in.readLong());
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String id = in.readUTF();
            sample.offer(id, new Rfm(in.readInt(), in.readDouble(), in.readDouble(), new BigDecimal(in.readUTF()), unit));
        }
        return sample;
    }
}
