package io.gridflex.gateway.vtn;

/** The simpleHttp services of an OpenADR 2.0b VTN, each under {@code /OpenADR2/Simple/2.0b/}. */
public enum VtnService {

    REGISTER_PARTY("EiRegisterParty"), POLL("OadrPoll"), EVENT("EiEvent"), REPORT("EiReport"), OPT("EiOpt");

    private final String path;

    VtnService(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
