package hu.ugyfelportal.dapsimulator;

/** The wallet will not go on with a request; the message says why, for the simulator page and the API. */
public class WalletException extends RuntimeException {

    public WalletException(String message) {
        super(message);
    }
}
