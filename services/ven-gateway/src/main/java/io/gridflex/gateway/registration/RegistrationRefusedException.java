package io.gridflex.gateway.registration;

/** The VTN answered but would not register us, or is not the VTN we were told to trust; retried with backoff. */
public class RegistrationRefusedException extends RuntimeException {

    public RegistrationRefusedException(String message) {
        super(message);
    }
}
