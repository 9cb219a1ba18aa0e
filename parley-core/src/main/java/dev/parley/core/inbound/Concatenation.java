package dev.parley.core.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.queue.InlineJobHandler;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable reassembly of concatenated SMS (ADR 25). {@link #add} stores a part in the caller's transaction; the part
 * that completes its message (parts arrive in any order, over any bind; a repeated part is ignored) hands the whole
 * text, in part order, to the {@link Completion} of the part's purpose in that same transaction and deletes the parts.
 * So a channel that acknowledges a part only after its transaction commits never loses one, and never delivers a
 * message twice because a part was sent again.
 *
 * <p>The first part of a message enqueues an {@value #KIND} job due after the timeout. If the message is still
 * incomplete then, the job hands what came to the same completion, each missing part replaced by {@value #GAP}. A
 * completed message leaves a mark (part 0) until that job runs, so a part repeated after completion (an SMSC that
 * never saw its response) is still known as a duplicate.
 *
 * <p>The timeout job only changes the store, so it is applied where it is claimed ({@link InlineJobHandler}).
 */
public final class Concatenation implements InlineJobHandler {
    private static final Logger log = LoggerFactory.getLogger(Concatenation.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The job kind of a message's timeout. */
    public static final String KIND = "inbound.concat-timeout";
    /** How long the parts of a message wait for their siblings unless configured otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** What stands in for each part that never came. GSM-7, so a gap does not make a message UCS-2. */
    public static final String GAP = "[...]";
    private static final int TIMEOUT_ATTEMPTS = 10;

    /** What a reassembled message becomes, for the parts stored with its {@link #purpose()}. */
    public interface Completion {

        /** The purpose parts name when they are {@link #add}ed, e.g. {@code "MO"} or {@code "submit"}. */
        String purpose();

        /**
         * Makes {@code message} what it should be, inside {@code tx} (which also deletes its parts). Throwing undoes
         * that: on the part that completed it, the caller's whole transaction fails; on a timeout, the job is retried.
         * A refusal that retrying cannot change should be handled here (logged and dropped), not thrown.
         */
        void complete(Tx tx, Assembled message);
    }

    /**
     * A whole message, or what came of it by its timeout.
     *
     * @param missing the numbers of the parts that never came (empty for a whole message)
     * @param context the context stored with the lowest-numbered part that has one
     */
    public record Assembled(ConcatKey key, String purpose, String text, List<Integer> missing, String context) {
        public Assembled {
            missing = List.copyOf(missing);
        }

        public boolean isComplete() {
            return missing.isEmpty();
        }
    }

    /** What {@link #add} did with a part. */
    public enum Status {
        /** Stored; the message waits for more parts. */
        STORED,
        /** Already stored, or its message already completed: nothing changed. */
        DUPLICATE,
        /** It was the last part: the message went to its completion. */
        COMPLETED
    }

    /** @param message the message this part completed; null unless {@code status} is COMPLETED */
    public record Added(Status status, Assembled message) {
    }

    private record TimeoutPayload(String accountSid, String channel, String from, String to, int ref, int total) {
    }

    private final IdGenerator ids;
    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Completion> completions;

    /**
     * @param timeout     how long after its first part an incomplete message is delivered as it is
     * @param completions one per purpose
     */
    public Concatenation(IdGenerator ids, Clock clock, Duration timeout, List<Completion> completions) {
        this.ids = ids;
        this.clock = clock;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Concatenation timeout must be positive (timeout=" + timeout + ")");
        }
        this.timeout = timeout;
        this.completions = completions.stream().collect(Collectors.toUnmodifiableMap(Completion::purpose,
                Function.identity()));
    }

    /**
     * Stores part {@code seq} of the message {@code key} in {@code tx}, for {@code purpose}; completes the message
     * when this was its last missing part (see the class comment).
     *
     * @param context what the purpose's completion needs beside the text (may be null)
     * @throws IllegalArgumentException if no completion serves {@code purpose} or {@code seq} is not 1 to total
     */
    public Added add(Tx tx, ConcatKey key, int seq, String purpose, String text, String context) {
        completion(purpose);
        if (seq < 1 || seq > key.total()) {
            throw new IllegalArgumentException("Part " + seq + " of a message of " + key.total() + " parts");
        }
        ConcatenationStore store = tx.concatParts();
        List<ConcatPart> stored = store.parts(key);
        if (stored.stream().anyMatch(p -> p.seq() == seq || p.seq() == 0)) {
            log.debug("duplicate part {} of {}", seq, key);
            return new Added(Status.DUPLICATE, null);
        }
        Instant now = clock.instant();
        ConcatPart part = new ConcatPart(key, seq, purpose, text, context, now);
        store.insert(part);
        if (stored.isEmpty()) {
            String payload = json(new TimeoutPayload(key.accountSid(), key.channel(), key.from(), key.to(), key.ref(),
                    key.total()));
            tx.jobs().enqueue(Job.create(ids.sid("JB"), key.accountSid(), KIND, payload, now.plus(timeout),
                    TIMEOUT_ATTEMPTS, now));
        }
        if (stored.size() + 1 < key.total()) {
            return new Added(Status.STORED, null);
        }
        List<ConcatPart> all = new ArrayList<>(stored);
        all.add(part);
        Assembled message = assemble(key, all);
        store.delete(key);
        store.insert(new ConcatPart(key, 0, message.purpose(), "", null, now));
        completion(message.purpose()).complete(tx, message);
        return new Added(Status.COMPLETED, message);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The timeout: delivers an incomplete message with its gaps marked, or clears a completed one's mark. */
    @Override
    public JobOutcome apply(Tx tx, Job job) {
        TimeoutPayload p = fromJson(job.payload());
        ConcatKey key = new ConcatKey(p.accountSid(), p.channel(), p.from(), p.to(), p.ref(), p.total());
        ConcatenationStore store = tx.concatParts();
        List<ConcatPart> parts = store.parts(key);
        store.delete(key);
        if (parts.isEmpty() || parts.getFirst().seq() == 0) {
            return JobOutcome.DONE;
        }
        Assembled message = assemble(key, parts);
        Completion completion = completions.get(message.purpose());
        if (completion == null) {
            return new JobOutcome.GiveUp("no completion for purpose " + message.purpose() + " (known: "
                    + completions.keySet() + ")", JobOutcome.NOTHING);
        }
        log.info("concatenated message {} incomplete after {}: parts {} missing", key, timeout, message.missing());
        completion.complete(tx, message);
        return JobOutcome.DONE;
    }

    private static Assembled assemble(ConcatKey key, List<ConcatPart> parts) {
        ConcatPart[] bySeq = new ConcatPart[key.total() + 1];
        parts.forEach(p -> bySeq[p.seq()] = p);
        StringBuilder text = new StringBuilder();
        List<Integer> missing = new ArrayList<>();
        String context = null;
        for (int seq = 1; seq <= key.total(); seq++) {
            ConcatPart part = bySeq[seq];
            if (part == null) {
                missing.add(seq);
                text.append(GAP);
            } else {
                text.append(part.text());
                context = context == null ? part.context() : context;
            }
        }
        String purpose = parts.stream().filter(p -> p.seq() > 0).findFirst().orElseThrow().purpose();
        return new Assembled(key, purpose, text.toString(), missing, context);
    }

    private Completion completion(String purpose) {
        Completion completion = completions.get(Objects.requireNonNull(purpose, "purpose"));
        if (completion == null) {
            throw new IllegalArgumentException("No concatenation completion for purpose " + purpose + " (known: "
                    + completions.keySet() + ")");
        }
        return completion;
    }

    private static String json(TimeoutPayload payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TimeoutPayload fromJson(String json) {
        try {
            return JSON.readValue(json, TimeoutPayload.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad " + KIND + " payload: " + json, e);
        }
    }
}
