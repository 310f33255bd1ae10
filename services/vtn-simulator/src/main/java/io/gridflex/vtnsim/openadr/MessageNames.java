package io.gridflex.vtnsim.openadr;

/** The OpenADR element name of a generated message class, for logs and metric tags: OadrPollType -> oadrPoll. */
public final class MessageNames {

    private MessageNames() {
    }

    public static String of(Object message) {
        if (message == null) {
            return "none";
        }
        String name = message.getClass().getSimpleName();
        if (name.endsWith("Type")) {
            name = name.substring(0, name.length() - "Type".length());
        }
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
