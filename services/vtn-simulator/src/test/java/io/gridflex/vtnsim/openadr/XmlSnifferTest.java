package io.gridflex.vtnsim.openadr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlSnifferTest {

    @ParameterizedTest
    @ValueSource(strings = {"<a/>", "  \n\t<?xml version=\"1.0\"?><a/>", "\uFEFF<a/>", "<not even closed"})
    void anythingStartingWithAnElementOrPrologIsXml(String body) {
        assertThat(XmlSniffer.looksLikeXml(body.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{\"venID\":\"x\"}", "hello", "venID=<x>"})
    void anythingElseIsNot(String body) {
        assertThat(XmlSniffer.looksLikeXml(body.getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
