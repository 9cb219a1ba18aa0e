package dev.parley.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Renders Twilio-shaped messages as an aligned text table: time, from, status, body. */
final class InboxTable {
    /** Twilio's 2010 API date format. */
    private static final DateTimeFormatter TWILIO_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private InboxTable() {
    }

    static String render(List<JsonNode> messages) {
        String[][] rows = new String[messages.size() + 1][];
        rows[0] = new String[] {"TIME", "FROM", "STATUS", "BODY"};
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            rows[i + 1] = new String[] {time(SimCommand.text(m, "date_created")), SimCommand.text(m, "from"),
                    SimCommand.text(m, "status"), oneLine(m)};
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < widths.length; c++) {
                out.append(row[c]).append(" ".repeat(widths[c] - row[c].length() + 2));
            }
            out.append(row[3]).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** Local time, or the text as sent when it is not in Twilio's format. */
    static String time(String twilioDate) {
        try {
            return ZonedDateTime.parse(twilioDate, TWILIO_DATE).withZoneSameInstant(ZoneId.systemDefault())
                    .format(LOCAL);
        } catch (DateTimeParseException e) {
            return twilioDate;
        }
    }

    private static String oneLine(JsonNode message) {
        String body = message.hasNonNull("body") ? message.get("body").asText() : "";
        String media = message.path("num_media").asText("0");
        String text = body.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\\n");
        // A group MMS: the thread's other members, as the handset shows them.
        List<String> group = new java.util.ArrayList<>();
        message.path("group_recipients").forEach(g -> group.add(g.asText()));
        if (!group.isEmpty()) {
            text = text + " [group: " + String.join(", ", group) + "]";
        }
        if ("0".equals(media) || media.isEmpty()) {
            return text;
        }
        // The simulator's inbox lists what the handset received: name the types when it says them.
        List<String> types = new java.util.ArrayList<>();
        message.path("media").forEach(m -> types.add(m.path("content_type").asText()));
        return text + (types.isEmpty() ? " [" + media + " media]" : " [media: " + String.join(", ", types) + "]");
    }
}
