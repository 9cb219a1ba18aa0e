package dev.parley.core.optout;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Twilio's default English opt-out, opt-in and help keywords on long codes, and the replies Twilio
 * sends for them.
 *
 * <p>A message is a keyword only when its whole body, with surrounding whitespace stripped, is one of
 * the words below in any letter case: {@code "stop"} and {@code " STOP\n"} are, {@code "stop please"}
 * and {@code "STOP."} are not (Twilio: "Only single-word messages will trigger the block").
 * <ul>
 *   <li>STOP: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT (REVOKE and OPTOUT per
 *       Twilio's Advanced Opt-Out guide);</li>
 *   <li>START: START, YES, UNSTOP;</li>
 *   <li>HELP: HELP, INFO.</li>
 * </ul>
 * Matching ignores the JVM's default locale, so a Turkish-locale server still reads "quit".
 * Stateless and thread-safe.
 */
public final class OptOutKeywords {

    private static final Map<OptOutType, Set<String>> KEYWORDS = Map.of(
            OptOutType.STOP, Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"),
            OptOutType.START, Set.of("START", "YES", "UNSTOP"),
            OptOutType.HELP, Set.of("HELP", "INFO"));

    private static final Map<String, OptOutType> BY_KEYWORD = KEYWORDS.entrySet().stream()
            .flatMap(entry -> entry.getValue().stream().map(keyword -> Map.entry(keyword, entry.getKey())))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private OptOutKeywords() {
    }

    /** The keyword's type, or empty when {@code body} (which may be null) is not exactly one keyword. */
    public static Optional<OptOutType> classify(String body) {
        if (body == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_KEYWORD.get(body.strip().toUpperCase(Locale.ROOT)));
    }

    /** The keywords of one type, upper case; an unmodifiable set. */
    public static Set<String> keywords(OptOutType type) {
        return KEYWORDS.get(type);
    }

    /**
     * The auto-reply Twilio sends for a keyword of this type when the account has not customised it
     * (Advanced Opt-Out). The texts are Twilio's, character for character, because recipients and
     * carriers' compliance checks see them.
     */
    public static String defaultReply(OptOutType type) {
        return switch (type) {
            case STOP -> "You have successfully been unsubscribed. You will not receive any more messages"
                    + " from this number. Reply START to resubscribe.";
            case START -> "You have successfully been re-subscribed to messages from this number."
                    + " Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.";
            case HELP -> "Reply STOP to unsubscribe. Msg&Data Rates May Apply.";
        };
    }
}
