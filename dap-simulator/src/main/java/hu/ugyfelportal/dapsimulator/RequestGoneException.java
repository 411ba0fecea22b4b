package hu.ugyfelportal.dapsimulator;

/**
 * The verifier no longer knows the QR's request: it was fetched already, ran out (the login page then shows a new
 * QR by itself), or its login was cancelled or completed.
 */
public final class RequestGoneException extends WalletException {

    public RequestGoneException(String message) {
        super(message);
    }
}
