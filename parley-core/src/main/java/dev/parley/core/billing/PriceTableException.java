package dev.parley.core.billing;

/** A price table Parley refuses to start with: the message names the file and the line. */
public final class PriceTableException extends IllegalArgumentException {

    public PriceTableException(String source, int line, String problem) {
        super("Price table " + source + (line > 0 ? " line " + line : "") + ": " + problem);
    }
}
