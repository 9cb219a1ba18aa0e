package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.error.ApiException;
import java.io.IOException;
import org.eclipse.jetty.http.HttpException;
import org.junit.jupiter.api.Test;

class ClientErrorsTest {

    @Test
    void aJettyBadMessageWrappedInAServletExceptionIsA400WithItsInnermostReason() {
        Exception wrapped = new RuntimeException("servlet", new HttpException.RuntimeException(400, "bad multipart",
                new IllegalStateException("No multipart boundary parameter in Content-Type")));

        ApiException refusal = ClientErrors.of(wrapped);

        assertThat(refusal.httpStatus()).isEqualTo(400);
        assertThat(refusal.code()).isEqualTo(20001);
        assertThat(refusal.getMessage()).isEqualTo(
                "Malformed request: No multipart boundary parameter in Content-Type");
    }

    @Test
    void otherFailuresStayServerErrors() {
        assertThat(ClientErrors.of(new IOException("disk full"))).isNull();
        assertThat(ClientErrors.of(new HttpException.RuntimeException(500, "server side"))).isNull();
    }

    @Test
    void statusesGetTwiliosCodes() {
        assertThat(ClientErrors.of(404, "x").code()).isEqualTo(20404);
        assertThat(ClientErrors.of(405, "x").code()).isEqualTo(20004);
        assertThat(ClientErrors.of(413, "Content Too Large").code()).isEqualTo(20001);
        assertThat(ClientErrors.of(413, "Content Too Large").httpStatus()).isEqualTo(413);
        assertThat(ClientErrors.of(503, null).code()).isEqualTo(20503);
    }
}
