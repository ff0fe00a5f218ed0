package dev.ltv.cli;

import dev.ltv.cli.clv.ClvCommand;
import dev.ltv.cli.dashboard.DashboardCommand;
import dev.ltv.cli.importer.ImportCommand;
import dev.ltv.cli.repair.RepairCommand;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The one entry point of the user-facing commands: {@code ./ltv import|clv|repair|dashboard …}, or
 * {@code java -jar cli/target/ltv-cli.jar <command> …}. Every command takes {@code --help} and ends with
 * one of the {@link ExitCode}s.
 */
public final class Main {

    static final String USAGE = """
            usage: ltv <command> [options]      (--help after a command lists its options)
              import ORDERS.csv   post order history to a running stack: batched, idempotent, resumable
              clv LOG.csv         fit the predictive models on a transaction log, offline (RFM, parameters, CLV)
              repair              recompute customers' state and the company totals from their purchases
              dashboard --api URL the dashboard for a deployed stack on 127.0.0.1, its API calls signed (SigV4)
            exit codes: 0 ok · 1 done, but some rows refused (import) · 2 usage error, nothing done ·
              3 failure (I/O, API or DynamoDB) · 4 too little data for the models (clv) ·
              130 interrupted by Ctrl-C (import saves its position: run the same command to resume)""";

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        String usage = switch (command) {
            case "import" -> ImportCommand.USAGE;
            case "clv" -> ClvCommand.USAGE;
            case "repair" -> RepairCommand.USAGE;
            case "dashboard" -> DashboardCommand.USAGE;
            default -> null;
        };
        if (usage == null) {
            err.println("ltv: unknown command '" + command + "'");
            err.println(USAGE);
            return ExitCode.USAGE;
        }
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.println(usage);
            return ExitCode.OK;
        }
        try {
            return switch (command) {
                case "import" -> ImportCommand.run(rest, out, err);
                case "clv" -> ClvCommand.run(rest, out, err);
                case "dashboard" -> DashboardCommand.run(rest, out, err);
                default -> RepairCommand.run(rest, out, null);
            };
        } catch (UsageException e) {
            err.println(command + ": " + e.getMessage());
            err.println("(ltv " + command + " --help lists the options)");
            return ExitCode.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (Exception e) {
            err.println(command + ": failed: " + e.getMessage());
            return ExitCode.FAILURE;
        }
    }
}
