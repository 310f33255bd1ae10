package io.gridflex.vtnsim.openadr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.model.oadr.OadrPollType;
import io.gridflex.openadr.model.oadr.OadrSignedObject;

class MessageNamesTest {

    @Test
    void namesAMessageAsItsElement() {
        assertThat(MessageNames.of(new OadrPollType())).isEqualTo("oadrPoll");
        assertThat(MessageNames.of(new OadrSignedObject())).isEqualTo("oadrSignedObject");
        assertThat(MessageNames.of(null)).isEqualTo("none");
    }
}
