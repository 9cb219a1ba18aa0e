package dev.parley.server.cli;

/** A failure the command line reports as its message alone (no stack trace) and exit code 1. */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
