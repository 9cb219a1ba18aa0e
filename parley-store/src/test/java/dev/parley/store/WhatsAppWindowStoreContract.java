package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageContent;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.MessageTemplates;
import dev.parley.core.message.WhatsAppWindow;
import dev.parley.core.tx.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

interface WhatsAppWindowStoreContract extends UsesDatabase {

    private Optional<Instant> last(String account, String sender, String user) {
        return storage().read(tx -> tx.whatsAppWindows().lastInbound(account, sender, user));
    }

    @Test
    default void anInboundIsRecordedForThatSenderUserPairOfThatAccountOnly() {
        String a = Fixtures.sid("AC");
        String b = Fixtures.sid("AC");
        storage().writeVoid(tx -> tx.whatsAppWindows().recordInbound(a, "+14155550100", "+447700900123", T0));

        assertThat(last(a, "+14155550100", "+447700900123")).contains(T0);
        assertThat(last(a, "+14155550101", "+447700900123")).isEmpty();
        assertThat(last(a, "+447700900123", "+14155550100")).isEmpty();
        assertThat(last(a, "+14155550100", "+447700900124")).isEmpty();
        assertThat(last(b, "+14155550100", "+447700900123")).isEmpty();
    }

    @Test
    default void aLaterInboundMovesTheTimeForwardAndAnEarlierOneNeverMovesItBack() {
        String a = Fixtures.sid("AC");
        Instant later = T0.plusSeconds(3_600).plusNanos(123_000);
        storage().writeVoid(tx -> tx.whatsAppWindows().recordInbound(a, "+14155550100", "+447700900123", T0));
        storage().writeVoid(tx -> tx.whatsAppWindows().recordInbound(a, "+14155550100", "+447700900123", later));
        assertThat(last(a, "+14155550100", "+447700900123")).contains(later);

        storage().writeVoid(tx -> tx.whatsAppWindows().recordInbound(a, "+14155550100", "+447700900123",
                T0.plusSeconds(60)));
        storage().writeVoid(tx -> tx.whatsAppWindows().recordInbound(a, "+14155550100", "+447700900123", later));
        assertThat(last(a, "+14155550100", "+447700900123")).contains(later);
    }

    @Test
    default void aRecordRolledBackWithItsTransactionLeavesNoWindow() {
        String a = Fixtures.sid("AC");
        IllegalStateException refusal = new IllegalStateException("the inbound message was refused");
        assertThatThrownBy(() -> storage().writeVoid(tx -> {
            tx.whatsAppWindows().recordInbound(a, "+14155550100", "+447700900123", T0);
            throw refusal;
        })).isSameAs(refusal);
        assertThat(last(a, "+14155550100", "+447700900123")).isEmpty();
    }

    @Test
    default void aFreeFormWhatsAppMessageGoesOnlyWithin24HoursOfTheUsersLastMessageAndAnApprovedTemplateAlways() {
        String a = Fixtures.sid("AC");
        Message freeForm = Fixtures.message(a, "whatsapp:+14155550100", "whatsapp:+447700900123", T0);
        Message template = new Message(freeForm.sid(), a, null, freeForm.from(), freeForm.to(), "Your code is 1234",
                List.of(), 1, Direction.OUTBOUND_API, MessageStatus.QUEUED, null, null, null, null, "simulator", null,
                Message.StatusCallback.NONE, T0, T0, null, List.of(), false, 0,
                new MessageContent(Fixtures.sid("HX"), Map.of("1", "1234")));
        // A content never approved for WhatsApp is free-form there, rendered, like any other text.
        Message unapproved = new Message(freeForm.sid(), a, null, freeForm.from(), freeForm.to(), "Your code is 1234",
                List.of(), 1, Direction.OUTBOUND_API, MessageStatus.QUEUED, null, null, null, null, "simulator", null,
                Message.StatusCallback.NONE, T0, T0, null, List.of(), false, 0,
                new MessageContent(Fixtures.sid("HX"), Map.of("1", "1234")));
        Message sms = Fixtures.message(a, "+14155550100", "+447700900123", T0);
        MessageTemplates approved = approving(template.content().contentSid());

        assertThat(allows(freeForm, T0, approved)).as("no message from the user yet").isFalse();
        assertThat(allows(unapproved, T0, approved)).as("a content not approved, before the user wrote").isFalse();
        assertThat(allows(template, T0, approved)).isTrue();
        assertThat(allows(sms, T0, approved)).isTrue();

        Instant wrote = T0.plusSeconds(60);
        storage().writeVoid(tx -> WhatsAppWindow.recordInbound(tx, a, ChannelAddress.parse(freeForm.to()).orElseThrow(),
                ChannelAddress.parse(freeForm.from()).orElseThrow(), wrote));
        assertThat(allows(freeForm, wrote, approved)).isTrue();
        assertThat(allows(unapproved, wrote, approved)).isTrue();
        assertThat(allows(freeForm, wrote.plus(WhatsAppWindow.LENGTH).minusNanos(1_000), approved)).isTrue();
        assertThat(allows(freeForm, wrote.plus(WhatsAppWindow.LENGTH), approved)).as("24 hours later").isFalse();
        assertThat(allows(unapproved, wrote.plus(WhatsAppWindow.LENGTH), approved)).isFalse();
        assertThat(allows(template, wrote.plus(WhatsAppWindow.LENGTH), approved)).isTrue();
        // The window is the sender's with that user: another sender of the account has none with them.
        Message otherSender = Fixtures.message(a, "whatsapp:+14155550101", freeForm.to(), T0);
        assertThat(allows(otherSender, wrote, approved)).isFalse();

        // SMS between the same numbers opens nothing.
        String b = Fixtures.sid("AC");
        storage().writeVoid(tx -> WhatsAppWindow.recordInbound(tx, b, ChannelAddress.parse("+447700900123")
                .orElseThrow(), ChannelAddress.parse("+14155550100").orElseThrow(), wrote));
        assertThat(last(b, "+14155550100", "+447700900123")).isEmpty();
    }

    /** The Content API's answers, as the dispatcher asks them: {@code contentSid} alone is approved for WhatsApp. */
    private static MessageTemplates approving(String contentSid) {
        return new MessageTemplates() {
            @Override
            public Rendered render(Tx tx, String accountSid, MessageContent content, boolean whatsApp) {
                throw new UnsupportedOperationException("only approvals are asked here");
            }

            @Override
            public boolean approvedForWhatsApp(Tx tx, String accountSid, String asked) {
                return asked.equals(contentSid);
            }
        };
    }

    private boolean allows(Message message, Instant at, MessageTemplates templates) {
        return storage().read(tx -> WhatsAppWindow.allows(tx, message, at, templates));
    }
}
