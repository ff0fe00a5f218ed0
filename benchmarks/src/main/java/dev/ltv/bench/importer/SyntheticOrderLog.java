package dev.ltv.bench.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Writes a synthetic order log in CDNOW's shape ({@code customer_id,date,amount}) for the import benchmark:
 * {@code rows} orders of {@code customers} customers over two years, amounts 1.00–200.00, in date order as
 * a shop's export would be; fixed seed, so every run writes the same file.
 *
 * <pre>java -cp benchmarks/target/ltv-benchmarks.jar dev.ltv.bench.importer.SyntheticOrderLog ROWS CUSTOMERS OUT.csv</pre>
 */
public final class SyntheticOrderLog {

    private SyntheticOrderLog() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SyntheticOrderLog ROWS CUSTOMERS OUT.csv");
            System.exit(2);
        }
        long rows = Long.parseLong(args[0]);
        int customers = Integer.parseInt(args[1]);
        write(rows, customers, Path.of(args[2]), 7);
    }

    static void write(long rows, int customers, Path out, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        LocalDate first = LocalDate.of(2024, 1, 1);
        int days = 730;
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writer.write("customer_id,date,amount\n");
            for (long i = 0; i < rows; i++) {
                // rows spread evenly over the days, in order; customers drawn uniformly
                LocalDate day = first.plusDays(i * days / rows);
                int customer = 1 + random.nextInt(customers);
                BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(19_901), 2);
                writer.write("s-" + customer + "," + day + "," + amount.toPlainString() + "\n");
            }
        }
    }
}
