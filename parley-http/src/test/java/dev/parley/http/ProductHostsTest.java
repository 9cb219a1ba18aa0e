package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProductHostsTest {

    @Test
    void productHostsWithAVersionPathGetTheirPrefix() {
        assertThat(ProductHosts.prefix("conversations.localhost", "/v1/Conversations")).isEqualTo("/conversations");
        assertThat(ProductHosts.prefix("messaging.parley.example.com", "/v1/Services")).isEqualTo("/messaging");
        assertThat(ProductHosts.prefix("Content.example.com", "/v1")).isEqualTo("/content");
        assertThat(ProductHosts.prefix("mcs.us1.example.com", "/v1/Services/IS1/Media/ME1")).isEqualTo("/mcs");
    }

    @Test
    void otherHostsAndPathsAreLeftAlone() {
        assertThat(ProductHosts.prefix("api.example.com", "/v1/Conversations")).isNull();
        assertThat(ProductHosts.prefix("localhost", "/v1/Conversations")).isNull();
        assertThat(ProductHosts.prefix("conversations", "/v1/Conversations")).isNull();
        assertThat(ProductHosts.prefix("conversationsx.example.com", "/v1/Conversations")).isNull();
        assertThat(ProductHosts.prefix("conversations.localhost", "/conversations/v1/Conversations")).isNull();
        assertThat(ProductHosts.prefix("conversations.localhost", "/v10/Conversations")).isNull();
        assertThat(ProductHosts.prefix("conversations.localhost", "/healthz")).isNull();
        assertThat(ProductHosts.prefix(null, "/v1/Conversations")).isNull();
    }
}
