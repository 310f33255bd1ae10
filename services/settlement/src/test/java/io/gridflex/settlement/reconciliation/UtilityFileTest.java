package io.gridflex.settlement.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.settlement.api.Csv;

class UtilityFileTest {

    @Test
    void quotedFieldsEscapedQuotesLineEndingsAndAByteOrderMarkAreRead() {
        List<Csv.Record> records = Csv.parse("\uFEFFa,\"b,\"\"c\"\"\"\r\n\r\n\"multi\nline\",x\n");

        assertThat(records).extracting(Csv.Record::fields)
                .containsExactly(List.of("a", "b,\"c\""), List.of("multi\nline", "x"));
        assertThat(records).extracting(Csv.Record::line).containsExactly(1, 3);
    }

    @Test
    void malformedCsvIsRefusedWithItsLine() {
        assertThatThrownBy(() -> Csv.parse("a,b\nc,\"d\n")).hasMessageContaining("line 2").hasMessageContaining(
                "never closed");
        assertThatThrownBy(() -> Csv.parse("a,b\nc,d\"e\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> Csv.parse("a,\"b\"c\n")).hasMessageContaining("after a closing quote");
    }

    @Test
    void theHeaderNamesTheColumnsAndEveryRowIsChecked() {
        UtilityFile file = UtilityFile.parse("SITE_ID,event_id,Amount\ns1,v/e1,12.50\ns2,v/e1,-3\n");

        assertThat(file.hasAmount()).isTrue();
        assertThat(file.hasDelivered()).isFalse();
        assertThat(file.rows()).extracting(UtilityFile.Row::siteId, UtilityFile.Row::amount).containsExactly(
                tuple("s1", new BigDecimal("12.50")),
                tuple("s2", new BigDecimal("-3")));
        assertThatThrownBy(() -> UtilityFile.parse("site_id,amount\ns1,1\n")).hasMessageContaining("header");
        assertThatThrownBy(() -> UtilityFile.parse("event_id,site_id,amount\ne,s,1\ne,s,2\n"))
                .hasMessageContaining("line 3").hasMessageContaining("twice");
        assertThatThrownBy(() -> UtilityFile.parse("event_id,site_id,amount\ne,s\n"))
                .hasMessageContaining("2 fields");
        assertThatThrownBy(() -> UtilityFile.parse("event_id,site_id,amount\ne,s\u0000x,1\n"))
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> UtilityFile.parse("event_id,site_id,amount\ne,s,1e400\n"))
                .hasMessageContaining("not a decimal");
        assertThatThrownBy(() -> UtilityFile.parse("")).hasMessageContaining("empty");
    }
}
