package dev.ltv.cli;

/**
 * Walks a command's arguments the one way every command takes them: positional arguments, flags, and options
 * given as {@code --name value} or {@code --name=value}.
 */
public final class CommandLine {

    private final String[] args;
    private int next;
    private String inlineValue;

    public CommandLine(String[] args) {
        this.args = args.clone();
    }

    public boolean hasNext() {
        return next < args.length;
    }

    /** The next argument; for {@code --name=value}, the name (the value is then what {@link #value} gives). */
    public String next() {
        String arg = args[next++];
        int eq = arg.indexOf('=');
        if (isOption(arg) && eq > 0) {
            inlineValue = arg.substring(eq + 1);
            return arg.substring(0, eq);
        }
        inlineValue = null;
        return arg;
    }

    public static boolean isOption(String arg) {
        return arg.startsWith("--");
    }

    /** The value of the option {@link #next} just returned: after its '=', or the argument that follows. */
    public String value(String option) {
        if (inlineValue != null) {
            String value = inlineValue;
            inlineValue = null;
            return value;
        }
        if (next >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[next++];
    }

    /** A flag takes no value: {@code --all=yes} is refused rather than read as {@code --all}. */
    public void flag(String option) {
        if (inlineValue != null) {
            throw new UsageException(option + " takes no value");
        }
    }
}
