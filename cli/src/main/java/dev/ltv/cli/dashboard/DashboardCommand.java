package dev.ltv.cli.dashboard;

import dev.ltv.cli.CommandLine;
import dev.ltv.cli.ExitCode;
import dev.ltv.cli.UsageException;
import dev.ltv.cli.sigv4.SigV4Signer;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** {@code ltv dashboard --api URL}: the dashboard for a deployed stack, on 127.0.0.1; see {@link #USAGE}. */
public final class DashboardCommand {

    public static final String USAGE = """
            usage: ltv dashboard --api URL [options]
              Serves the dashboard on 127.0.0.1 and forwards its API calls to a deployed stack, signed with
              SigV4 from the default AWS credentials (environment, profile, SSO, container, instance), so the
              API stays private. Ctrl-C to stop.
              --api URL        the deployed API's base URL, e.g. https://abc123.execute-api.eu-west-1.amazonaws.com
              --port N         the local port (default 3100; 0 for any free one)
              --region REGION  signing region (default: from an execute-api host name, else the AWS SDK's chain)
              --no-sign        forward unsigned (a stack deployed with ApiAuth=NONE)
            exit codes: 0 stopped with Ctrl-C, 2 usage error, 3 the port is taken""";

    static final int DEFAULT_PORT = 3100;

    private DashboardCommand() {
    }

    /** Parsed options. */
    record Options(URI api, int port, String region, boolean sign) {
    }

    static Options parse(String[] args) {
        URI api = null;
        int port = DEFAULT_PORT;
        String region = null;
        boolean sign = true;
        CommandLine line = new CommandLine(args);
        while (line.hasNext()) {
            String arg = line.next();
            switch (arg) {
                case "--api" -> api = api(line.value(arg));
                case "--port" -> port = port(line.value(arg));
                case "--region" -> region = line.value(arg);
                case "--no-sign" -> {
                    line.flag(arg);
                    sign = false;
                }
                default -> throw new UsageException(CommandLine.isOption(arg) ? "unknown option " + arg : "unexpected argument " + arg);
            }
        }
        if (api == null) {
            throw new UsageException("--api URL is required (the deployed API's base URL; for the local stack open http://127.0.0.1:3000/)");
        }
        return new Options(api, port, region, sign);
    }

    private static URI api(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--api must be a URL: " + text);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UsageException("--api must be an http(s) base URL without query, e.g. https://abc123.execute-api.eu-west-1.amazonaws.com");
        }
        return uri;
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // the usage message below
        }
        throw new UsageException("--port must be 0 to 65535: " + text);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        Options options = parse(args);
        SigV4Signer signer = options.sign() ? SigV4Signer.withDefaults(options.api(), options.region()) : null;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        DashboardProxy proxy;
        try {
            proxy = new DashboardProxy(options.api(), signer, http, options.port());
        } catch (java.io.IOException e) {
            err.println("dashboard: cannot listen on 127.0.0.1:" + options.port() + " (" + e.getMessage() + "; try --port)");
            return ExitCode.FAILURE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            stopped.countDown();
        }, "ltv-dashboard-stop"));
        out.println("ltv dashboard on " + proxy.pageUri() + " (open it in a browser)");
        out.println("  API       " + options.api() + (signer == null ? " (unsigned)" : " (SigV4, region " + signer.region()
                + ", the default AWS credentials)"));
        out.println("  listening on 127.0.0.1 only. Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }
}
