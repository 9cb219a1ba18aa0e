package dev.parley.core.twiml;

/**
 * One instruction of a messaging TwiML document, in document order. Only the verbs Twilio's
 * Programmable Messaging accepts exist here, so a {@code switch} over them is exhaustive.
 */
public sealed interface TwimlVerb permits MessageVerb, RedirectVerb {
}
