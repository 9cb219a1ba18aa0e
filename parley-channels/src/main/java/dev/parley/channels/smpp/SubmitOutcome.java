package dev.parley.channels.smpp;

/** What became of one {@code submit_sm} on one bind. */
sealed interface SubmitOutcome {

    /**
     * {@code submit_sm_resp} with ESME_ROK: the SMSC took the segment under {@code messageId} (as it wrote it). Its
     * window slot is free again; it keeps its room among the bind's unstored segments until {@code stored} runs, once
     * its id is committed (or its commit failed): what a crash can make the SMSC see twice is then at most that room
     * per bind ({@link BindLink#unstoredRoom}, ADR 0024).
     */
    record Acked(String messageId, Runnable stored) implements SubmitOutcome {
    }

    /** {@code submit_sm_resp} with an error {@code commandStatus}: the SMSC did not take the segment. */
    record Refused(int commandStatus) implements SubmitOutcome {
    }

    /** {@code generic_nack}: the SMSC could not even read the request (or is overloaded); it did not take it. */
    record Nacked(int commandStatus) implements SubmitOutcome {
    }

    /**
     * No answer: the bind was lost, or the response did not come in time. The SMSC may or may not have taken the
     * segment; nothing was stored, so the segment is submitted again.
     */
    record NoResponse(String reason) implements SubmitOutcome {
    }

    /** Not sent: no bind was up, or its window stayed full; {@code reason} carries the state. */
    record NotSent(String reason) implements SubmitOutcome {
    }

    /** Not sent: jSMPP refused to encode the request (a field too long); sending it again cannot help. */
    record Invalid(String reason) implements SubmitOutcome {
    }
}
