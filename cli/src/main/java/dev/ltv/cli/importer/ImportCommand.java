package dev.ltv.cli.importer;

import dev.ltv.cli.sigv4.SigV4Signer;
import dev.ltv.cli.sigv4.RequestSigner;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;

/** {@code ltv import}: see {@link ImportOptions#USAGE}. */
public final class ImportCommand {

    public static final String USAGE = ImportOptions.USAGE;

    private ImportCommand() {
    }

    /**
     * Runs an import; a Ctrl-C (or SIGTERM) stops it through a shutdown hook that saves the position.
     * Throws {@link dev.ltv.cli.UsageException} for a bad command line or file.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        ImportOptions options = ImportOptions.parse(args);
        RequestSigner signer = options.sigv4() ? SigV4Signer.withDefaults(options.api(), options.region()) : null;
        return run(options, signer, out, err);
    }

    static int run(ImportOptions options, RequestSigner signer, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        PurchasesApi api = new PurchasesApi(options.api(), http, signer, 8, Duration.ofMillis(250));
        Importer importer = new Importer(options, api, out, err);
        Thread hook = new Thread(importer::stop, "import-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = importer.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down (Ctrl-C): the hook runs
        }
        return code;
    }
}
