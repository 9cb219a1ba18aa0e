/**
 * How an SMS body is encoded on the air interface and how it splits into billable segments.
 *
 * <p>{@link dev.parley.core.message.encoding.SmsSegmenter} is the entry point: it decides between
 * GSM-7 and UCS-2 the way Twilio and carriers do, counts segments and returns the pieces.
 * {@link dev.parley.core.message.encoding.SmartEncoding} reproduces Twilio's Smart Encoding
 * transliteration, and {@link dev.parley.core.message.encoding.Gsm7} is the GSM 03.38 codec that
 * SMPP adapters use to put septets on the wire.
 */
package dev.parley.core.message.encoding;
