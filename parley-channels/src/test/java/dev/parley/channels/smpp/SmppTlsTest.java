package dev.parley.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.smpp.TestSmsc;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Tls}: Parley's sockets speak TLS to an SMSC whose certificate the trust store vouches for and that names the
 * host, and refuse one that names another host. The SMSC's key is made by the JDK's keytool for the test.
 */
class SmppTlsTest {
    @TempDir
    Path dir;

    private KeyStore keyStore(String name) throws Exception {
        Path file = dir.resolve(name + ".p12");
        String keytool = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("keytool")
                .toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "smsc", "-keyalg", "EC", "-dname",
                "CN=" + name, "-ext", "SAN=dns:" + name, "-validity", "2", "-storetype", "PKCS12", "-keystore",
                file.toString(), "-storepass", "changeit")).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }

    private static SSLContext server(KeyStore ks) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), null, null);
        return c;
    }

    private static SSLContext trusting(KeyStore ks) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }

    private static BindParameter bind() {
        return new BindParameter(BindType.BIND_TRX, TestSmsc.SYSTEM_ID, TestSmsc.PASSWORD, "", TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN, null);
    }

    @Test
    void aBindOverTlsSubmitsToAnSmscWhoseCertificateNamesTheHost() throws Exception {
        KeyStore ks = keyStore("localhost");
        try (TestSmsc smsc = TestSmsc.start(server(ks).getServerSocketFactory())) {
            SmppSockets sockets = new SmppSockets(true, trusting(ks).getSocketFactory(), Duration.ofSeconds(5));
            SMPPSession session = new SMPPSession(sockets);
            try {
                session.connectAndBind("localhost", smsc.port(), bind(), 5_000);
                String id = session.submitShortMessage(null, TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                        "14155550100", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "447700900123",
                        new org.jsmpp.bean.ESMClass(), (byte) 0, (byte) 0, null, null,
                        new org.jsmpp.bean.RegisteredDelivery(), (byte) 0, org.jsmpp.bean.DataCodings.ZERO, (byte) 0,
                        "over TLS".getBytes()).getMessageId();
                assertThat(id).isEqualTo("1");
                assertThat(smsc.submits()).singleElement().extracting(TestSmsc.Submitted::destination)
                        .isEqualTo("447700900123");
            } finally {
                session.unbindAndClose();
            }
            try (java.net.Socket tls = sockets.open("localhost", smsc.port())) {
                assertThat(tls.getTcpNoDelay()).isTrue();
            }
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        KeyStore ks = keyStore("smsc.example.net");
        try (TestSmsc smsc = TestSmsc.start(server(ks).getServerSocketFactory())) {
            SmppSockets sockets = new SmppSockets(true, trusting(ks).getSocketFactory(), Duration.ofSeconds(5));

            assertThatThrownBy(() -> sockets.open("localhost", smsc.port()))
                    .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("localhost");
            assertThat(smsc.submits()).isEmpty();
        }
    }
}
