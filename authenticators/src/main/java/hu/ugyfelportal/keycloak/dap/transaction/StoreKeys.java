package hu.ugyfelportal.keycloak.dap.transaction;

/**
 * The names under which a DÁP login's state is kept in {@code SingleUseObjectProvider}: one entry per request,
 * transaction, encryption key index and result, each a map of these notes. An older version's names must keep
 * reading as missing, never as something else.
 */
final class StoreKeys {

    static final String REQUEST = "dap.request.";
    static final String TRANSACTION = "dap.transaction.";
    static final String RESULT = "dap.result.";
    static final String KEY_ID_INDEX = "dap.kid.";

    /** The notes of a request and a key index: the transaction they belong to. */
    static final String OF_TRANSACTION = "transaction";
    /** The notes of a transaction. */
    static final String NONCE = "nonce";
    static final String EXPIRES = "expires";
    static final String FETCHED = "fetched";
    static final String MODE = "mode";
    static final String KEY_ID = "kid";
    static final String PUBLIC_KEY = "publicKey";
    static final String PRIVATE_KEY = "privateKey";
    static final String CONTENT_ENCRYPTIONS = "enc";
    /** The notes of a result. */
    static final String OUTCOME = "outcome";
    static final String SUBJECT = "subject";
    static final String CLAIMS = "claims";

    private StoreKeys() {
    }
}
