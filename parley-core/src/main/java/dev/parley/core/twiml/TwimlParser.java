package dev.parley.core.twiml;

import static dev.parley.core.twiml.TwimlException.DOCUMENT_PARSE_FAILURE;
import static dev.parley.core.twiml.TwimlException.SCHEMA_VALIDATION;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the messaging TwiML a customer's webhook returns.
 *
 * <p>Accepted: a {@code <Response>} root holding, in order, any number of
 * <ul>
 *   <li>{@code <Message>} with its text as the body, or with a {@code <Body>} noun, and up to
 *       {@value MessageVerb#MAX_MEDIA} {@code <Media>} nouns; attributes {@code to}, {@code from},
 *       {@code action}, {@code method}, {@code statusCallback};</li>
 *   <li>{@code <Redirect>} with the URL as its text and an optional {@code method}.</li>
 * </ul>
 * Text is stripped of surrounding whitespace. Comments and processing instructions are ignored, and
 * so are unknown attributes (Twilio only warns about them and carries on). A null, empty or blank
 * document, and an empty {@code <Response/>}, mean "do nothing" and give an empty list. Names are
 * case-sensitive, as in TwiML.
 *
 * <p>Refused with {@link TwimlException}: anything that is not well-formed XML, any document with a
 * DTD, and a root other than {@code <Response>} (12100); unknown verbs or nouns, stray text, a second
 * {@code <Body>}, more than ten {@code <Media>}, an empty URL and a method other than GET or POST
 * (12200).
 *
 * <p>Safe for untrusted input: DTDs are rejected outright, so no entity is ever expanded and nothing
 * is fetched from the network or the file system. The parser does not bound document size; the HTTP
 * client reading the webhook response must. Thread-safe; each call uses its own parser.
 */
public final class TwimlParser {

    private TwimlParser() {
    }

    /** Parses a whole TwiML document; the returned list is unmodifiable. */
    public static List<TwimlVerb> parse(String xml) throws TwimlException {
        if (xml == null || xml.isBlank()) {
            return List.of();
        }
        Element root = parseXml(xml).getDocumentElement();
        if (!"Response".equals(root.getTagName())) {
            throw new TwimlException(DOCUMENT_PARSE_FAILURE,
                    "TwiML root element is <" + root.getTagName() + ">, expected <Response>");
        }
        List<TwimlVerb> verbs = new ArrayList<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element verb) {
                verbs.add(verb(verb, verbs.size() + 1));
            } else {
                rejectNonBlankText(child, "<Response>");
            }
        }
        return List.copyOf(verbs);
    }

    private static TwimlVerb verb(Element element, int position) throws TwimlException {
        return switch (element.getTagName()) {
            case "Message" -> message(element, position);
            case "Redirect" -> redirect(element, position);
            default -> throw new TwimlException(SCHEMA_VALIDATION, "unknown verb <" + element.getTagName()
                    + "> at position " + position + " of <Response>; messaging TwiML allows <Message> and <Redirect>");
        };
    }

    private static MessageVerb message(Element message, int position) throws TwimlException {
        String where = "<Message> at position " + position;
        StringBuilder text = new StringBuilder();
        String body = null;
        List<String> mediaUrls = new ArrayList<>();
        NodeList children = message.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (isText(child)) {
                text.append(child.getNodeValue());
            } else if (child instanceof Element noun) {
                switch (noun.getTagName()) {
                    case "Body" -> {
                        if (body != null) {
                            throw new TwimlException(SCHEMA_VALIDATION, where + " has more than one <Body>");
                        }
                        body = textOnly(noun, where);
                    }
                    case "Media" -> {
                        if (mediaUrls.size() == MessageVerb.MAX_MEDIA) {
                            throw new TwimlException(SCHEMA_VALIDATION, where + " has more than "
                                    + MessageVerb.MAX_MEDIA + " <Media>");
                        }
                        mediaUrls.add(nonEmpty(textOnly(noun, where), "<Media> URL in " + where));
                    }
                    default -> throw new TwimlException(SCHEMA_VALIDATION, "unknown noun <" + noun.getTagName()
                            + "> in " + where + "; <Message> allows <Body> and <Media>");
                }
            }
        }
        String inlineText = text.toString().strip();
        if (body != null && !inlineText.isEmpty()) {
            // Two bodies with no documented precedence: refuse rather than guess which one the author meant.
            throw new TwimlException(SCHEMA_VALIDATION, where + " has both text and a <Body>");
        }
        return new MessageVerb(body != null ? body : inlineText, mediaUrls,
                attribute(message, "to"), attribute(message, "from"), attribute(message, "action"),
                method(message, where), attribute(message, "statusCallback"));
    }

    private static RedirectVerb redirect(Element redirect, int position) throws TwimlException {
        String where = "<Redirect> at position " + position;
        String url = nonEmpty(textOnly(redirect, where), "URL of " + where);
        return new RedirectVerb(url, method(redirect, where));
    }

    /** The stripped text of an element that may hold nothing but text. */
    private static String textOnly(Element element, String where) throws TwimlException {
        StringBuilder text = new StringBuilder();
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (isText(child)) {
                text.append(child.getNodeValue());
            } else if (child instanceof Element nested) {
                throw new TwimlException(SCHEMA_VALIDATION, "unexpected <" + nested.getTagName() + "> inside <"
                        + element.getTagName() + "> of " + where);
            }
        }
        return text.toString().strip();
    }

    private static String method(Element element, String where) throws TwimlException {
        String method = attribute(element, "method");
        if (method == null) {
            return null;
        }
        String normalized = method.strip().toUpperCase(Locale.ROOT);
        if (!normalized.equals("GET") && !normalized.equals("POST")) {
            throw new TwimlException(SCHEMA_VALIDATION, "method=\"" + method + "\" on " + where
                    + "; allowed values are GET and POST");
        }
        return normalized;
    }

    private static String attribute(Element element, String name) {
        // getAttribute answers "" for a missing attribute; callers need absent and empty told apart.
        return element.hasAttribute(name) ? element.getAttribute(name) : null;
    }

    private static String nonEmpty(String value, String what) throws TwimlException {
        if (value.isEmpty()) {
            throw new TwimlException(SCHEMA_VALIDATION, what + " is empty");
        }
        return value;
    }

    private static void rejectNonBlankText(Node node, String parent) throws TwimlException {
        if (isText(node) && !node.getNodeValue().isBlank()) {
            throw new TwimlException(SCHEMA_VALIDATION, "unexpected text \"" + abbreviate(node.getNodeValue().strip())
                    + "\" directly inside " + parent);
        }
    }

    private static boolean isText(Node node) {
        // CDATA nodes are Text nodes too.
        return node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static Document parseXml(String xml) throws TwimlException {
        try {
            DocumentBuilder builder = hardenedFactory().newDocumentBuilder();
            builder.setErrorHandler(THROWING);
            // Unreachable while DTDs are refused; kept so a future factory change cannot open a network path.
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            // A byte-order mark survives in a String decoded without BOM handling; it is not content.
            String document = xml.charAt(0) == '\uFEFF' ? xml.substring(1) : xml;
            return builder.parse(new InputSource(new StringReader(document)));
        } catch (SAXParseException e) {
            throw new TwimlException(DOCUMENT_PARSE_FAILURE, "TwiML could not be parsed at line "
                    + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new TwimlException(DOCUMENT_PARSE_FAILURE, "TwiML could not be parsed: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("JDK XML parser lacks a required security feature", e);
        }
    }

    private static DocumentBuilderFactory hardenedFactory() throws ParserConfigurationException {
        // The JDK's own implementation, not whatever a library on the classpath registers.
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        // OWASP XXE guidance: refusing DOCTYPE removes entity expansion (XXE, billion laughs) entirely.
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }

    /** Makes every problem fatal and keeps the JDK's default handler from printing to stderr. */
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // A warning is not a failure; Twilio accepts such documents too.
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };
}
