package dev.parley.core.twiml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TwimlParserTest {

    @Test
    void plainTextMessageShouldBecomeTheBody() throws TwimlException {
        List<TwimlVerb> verbs = TwimlParser.parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Response><Message>  Store Location: 123 Easy St.
                </Message></Response>""");

        assertThat(verbs).containsExactly(MessageVerb.reply("Store Location: 123 Easy St."));
    }

    @Test
    void messageWithBodyAndMediaShouldKeepMediaInDocumentOrder() throws TwimlException {
        List<TwimlVerb> verbs = TwimlParser.parse("""
                <Response>
                  <Message>
                    <Body> Pictures! </Body>
                    <Media>https://demo.twilio.com/owl.png</Media>
                    <Media> https://example.com/cat.jpg </Media>
                  </Message>
                </Response>""");

        assertThat(verbs).containsExactly(new MessageVerb("Pictures!",
                List.of("https://demo.twilio.com/owl.png", "https://example.com/cat.jpg"),
                null, null, null, null, null));
    }

    @Test
    void messageAttributesShouldBeReadAndAbsentOnesNull() throws TwimlException {
        List<TwimlVerb> verbs = TwimlParser.parse("""
                <Response>
                  <Message to="+14155550100" from="+14155550199" action="/status" method="get"
                           statusCallback="https://cb.example.com/s">Hi</Message>
                  <Message>Bare</Message>
                </Response>""");

        assertThat(verbs).containsExactly(
                new MessageVerb("Hi", List.of(), "+14155550100", "+14155550199", "/status", "GET",
                        "https://cb.example.com/s"),
                new MessageVerb("Bare", List.of(), null, null, null, null, null));
    }

    @Test
    void mediaOnlyMessageShouldHaveEmptyBody() throws TwimlException {
        assertThat(TwimlParser.parse("<Response><Message><Media>https://x.test/a.png</Media></Message></Response>"))
                .containsExactly(new MessageVerb("", List.of("https://x.test/a.png"), null, null, null, null, null));
    }

    @Test
    void textBeforeMediaNounsShouldBeTheBodyAsHelperLibrariesWriteIt() throws TwimlException {
        assertThat(TwimlParser.parse("<Response><Message>Look<Media>https://x.test/a.png</Media></Message></Response>"))
                .containsExactly(new MessageVerb("Look", List.of("https://x.test/a.png"), null, null, null, null, null));
    }

    @Test
    void escapedCharactersAndCdataShouldBeDecoded() throws TwimlException {
        assertThat(TwimlParser.parse("<Response><Message>Tom &amp; Jerry &lt;3 <![CDATA[<b>&]]></Message></Response>"))
                .containsExactly(MessageVerb.reply("Tom & Jerry <3 <b>&"));
    }

    @Test
    void redirectShouldDefaultToPost() throws TwimlException {
        assertThat(TwimlParser.parse("<Response><Redirect> https://app.example.com/next </Redirect></Response>"))
                .containsExactly(new RedirectVerb("https://app.example.com/next", "POST"));
    }

    @Test
    void redirectShouldHonourGet() throws TwimlException {
        assertThat(TwimlParser.parse("<Response><Redirect method=\"GET\">/next</Redirect></Response>"))
                .containsExactly(new RedirectVerb("/next", "GET"));
    }

    @Test
    void severalVerbsShouldKeepDocumentOrderAndSkipComments() throws TwimlException {
        List<TwimlVerb> verbs = TwimlParser.parse("""
                <Response>
                  <!-- greet first -->
                  <Message>one</Message>
                  <Message>two</Message>
                  <Redirect>/three</Redirect>
                </Response>""");

        assertThat(verbs).containsExactly(MessageVerb.reply("one"), MessageVerb.reply("two"),
                new RedirectVerb("/three", "POST"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   \n\t ", "<Response/>", "<Response></Response>", "<?xml version=\"1.0\"?>\n<Response>\n</Response>\n"})
    void emptyDocumentShouldMeanNoVerbs(String xml) throws TwimlException {
        assertThat(TwimlParser.parse(xml)).isEmpty();
    }

    @Test
    void leadingByteOrderMarkShouldBeIgnored() throws TwimlException {
        assertThat(TwimlParser.parse("\uFEFF<Response><Message>hi</Message></Response>"))
                .containsExactly(MessageVerb.reply("hi"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<Response><Message>unclosed</Response>",
            "<Response><Message to=+1555>x</Message></Response>",
            "Thanks for your message!",
            "<Response><Message>a & b</Message></Response>",
            " <?xml version=\"1.0\"?><Response/>",
            "<Response></response>",
    })
    void malformedXmlShouldFailWith12100(String xml) {
        assertThat(errorCodeOf(xml)).isEqualTo(12100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<Message>hi</Message>", "<response><Message>hi</Message></response>", "<Twiml/>"})
    void rootOtherThanResponseShouldFailWith12100(String xml) {
        assertThatThrownBy(() -> TwimlParser.parse(xml))
                .isInstanceOfSatisfying(TwimlException.class, e -> assertThat(e.errorCode()).isEqualTo(12100))
                .hasMessageContaining("expected <Response>");
    }

    @Test
    void unknownVerbShouldFailWith12200NamingTheVerbAndPosition() {
        assertThatThrownBy(() -> TwimlParser.parse("<Response><Message>hi</Message><Say>hello</Say></Response>"))
                .isInstanceOfSatisfying(TwimlException.class, e -> assertThat(e.errorCode()).isEqualTo(12200))
                .hasMessageContaining("<Say>").hasMessageContaining("position 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<Response><message>hi</message></Response>",
            "<Response><Message><Play>x</Play></Message></Response>",
            "<Response><Message><Body>a</Body><Body>b</Body></Message></Response>",
            "<Response><Message>text<Body>b</Body></Message></Response>",
            "<Response><Message><Body><b>bold</b></Body></Message></Response>",
            "<Response><Message><Media> </Media></Message></Response>",
            "<Response><Message method=\"PUT\">x</Message></Response>",
            "<Response><Redirect method=\"DELETE\">/x</Redirect></Response>",
            "<Response><Redirect/></Response>",
            "<Response>stray text<Message>x</Message></Response>",
    })
    void nonMessagingTwimlShouldFailWith12200(String xml) {
        assertThat(errorCodeOf(xml)).isEqualTo(12200);
    }

    @Test
    void tenMediaShouldBeAcceptedAndElevenRefused() throws TwimlException {
        String ten = IntStream.range(0, 10).mapToObj(i -> "<Media>https://x.test/" + i + "</Media>")
                .reduce("", String::concat);

        assertThat(((MessageVerb) TwimlParser.parse("<Response><Message>" + ten + "</Message></Response>").getFirst())
                .mediaUrls()).hasSize(10);
        assertThat(errorCodeOf("<Response><Message>" + ten + "<Media>https://x.test/10</Media></Message></Response>"))
                .isEqualTo(12200);
    }

    @Test
    void externalEntityShouldNotBeExpanded(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE Response [<!ENTITY xxe SYSTEM "%s">]>
                <Response><Message>&xxe;</Message></Response>""".formatted(secret.toUri());

        assertThatThrownBy(() -> TwimlParser.parse(xxe))
                .isInstanceOfSatisfying(TwimlException.class, e -> assertThat(e.errorCode()).isEqualTo(12100))
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void externalDtdShouldNeverBeFetched() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/evil.dtd";
            String withExternalDtd = "<!DOCTYPE Response SYSTEM \"" + url + "\"><Response/>";
            String withParameterEntity = "<!DOCTYPE Response [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]><Response/>";

            assertThat(errorCodeOf(withExternalDtd)).isEqualTo(12100);
            assertThat(errorCodeOf(withParameterEntity)).isEqualTo(12100);
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void entityExpansionBombShouldBeRefused() {
        String bomb = """
                <!DOCTYPE Response [
                  <!ENTITY a "aaaaaaaaaa">
                  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
                  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
                ]>
                <Response><Message>&c;</Message></Response>""";

        assertThat(errorCodeOf(bomb)).isEqualTo(12100);
    }

    @Test
    void messageVerbShouldNotExposeAMutableMediaList() {
        List<String> urls = new ArrayList<>(List.of("https://x.test/a"));
        MessageVerb verb = new MessageVerb("", urls, null, null, null, null, null);
        urls.add("https://x.test/b");

        assertThat(verb.mediaUrls()).containsExactly("https://x.test/a");
        assertThatThrownBy(() -> verb.mediaUrls().add("z")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static int errorCodeOf(String xml) {
        TwimlException e = catchThrowableOfType(TwimlException.class, () -> TwimlParser.parse(xml));
        assertThat(e).as("TwimlException for %s", xml).isNotNull();
        return e.errorCode();
    }
}
