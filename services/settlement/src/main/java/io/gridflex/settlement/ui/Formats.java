package io.gridflex.settlement.ui;

import java.math.BigDecimal;

import io.quarkus.qute.TemplateExtension;

/** How the pages write figures: {@code {fmt:plain(value)}}. */
@TemplateExtension(namespace = "fmt")
public final class Formats {

    private Formats() {
    }

    /** A decimal as stored, never in exponent notation; nothing when there is none. */
    static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
