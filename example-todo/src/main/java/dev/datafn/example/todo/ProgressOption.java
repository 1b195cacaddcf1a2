package dev.datafn.example.todo;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --progress} option of the long commands: a bar on a terminal, plain lines elsewhere, or either. */
final class ProgressOption {

    /** How progress is shown. */
    enum Style {
        /** A bar when standard error is a terminal (picocli's detection), else plain lines. */
        AUTO,
        /** A bar redrawn in place. */
        BAR,
        /** A plain line at each tenth. */
        LINES
    }

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|bar|lines",
            description = "Progress on standard error: a bar on a terminal and plain lines otherwise (auto), "
                    + "or always one of them (default: ${DEFAULT-VALUE}).")
    private Style style = Style.AUTO;

    /**
     * @param terminal standard error
     * @param unit     what is counted, plural
     * @return a progress bar of the chosen style
     */
    ProgressBar bar(PrintWriter terminal, String unit) {
        boolean redrawn = switch (style) {
            case BAR -> true;
            case LINES -> false;
            case AUTO -> CommandLine.Help.Ansi.AUTO.enabled();
        };
        return new ProgressBar(terminal, System::nanoTime, redrawn, unit);
    }
}
