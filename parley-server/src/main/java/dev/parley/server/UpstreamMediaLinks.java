package dev.parley.server;

import dev.parley.channels.twilio.TwilioUpstreamChannel;
import dev.parley.core.conversation.media.ConversationMediaService;
import dev.parley.core.error.ApiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an upstream Twilio account is given for conversation media relayed to an SMS participant: the media's
 * {@code content_direct_temporary} link (signed, no credentials, valid for Twilio's fetch at send time) instead of the
 * Media Content Service URL, which needs Parley's credentials. Other URLs go as given; a message's own media on
 * Parley's Messages API have no such link and go as given too (the upstream then reports it cannot fetch them).
 */
final class UpstreamMediaLinks implements TwilioUpstreamChannel.MediaLinks {
    private static final String SID = "[0-9a-f]{32}";
    private final ConversationMediaService media;
    private final String publicUrl;
    private final Pattern mcs;

    UpstreamMediaLinks(ConversationMediaService media, String publicUrl) {
        this.media = media;
        this.publicUrl = publicUrl;
        this.mcs = Pattern.compile(Pattern.quote(publicUrl) + "/mcs/v1/Services/(IS" + SID + ")/Media/(ME" + SID
                + ")(?:/Content)?");
    }

    @Override
    public String fetchable(String accountSid, String url) {
        Matcher m = mcs.matcher(url);
        if (!m.matches()) {
            return url;
        }
        try {
            return publicUrl + media.directPath(media.fetch(accountSid, m.group(1), m.group(2)));
        } catch (ApiException e) {
            return url; // gone or another account's: the upstream's fetch fails as it would have
        }
    }
}
