package dev.parley.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WebhookFormEncodingTest {

    @Test
    void aFormBodyIsWhatTheJdksUrlEncoderWritesInTheMapsOrder() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("To", List.of("+15551230001"));
        params.put("Body", List.of("Héllo wörld & more = 100% ~ \"quoted\" / ? # 😀 日本", "second"));
        params.put("Odd name[]", List.of("a.b-c*d_e", ""));
        params.put("Lone", List.of("x\uD83Dy"));
        params.put("Ascii", List.of("!$'()+,:;@[]{}|\\^`\t\n\u007f"));

        String expected = params.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));

        assertThat(WebhookClient.encode(params)).isEqualTo(expected);
        assertThat(WebhookClient.encode(Map.of())).isEmpty();
    }
}
