package dev.parley.core.smsc;

/**
 * Told after a credential's change or deletion has committed, so that the SMPP server applies it to the binds already
 * up: a new password or network list ends them (they bind again under the new rules), a new window or rate takes
 * effect on the next submit, a deleted credential's binds are closed.
 */
public interface SmppCredentialEvents {
    SmppCredentialEvents NONE = new SmppCredentialEvents() {
        @Override
        public void changed(SmppCredential before, SmppCredential after) {
        }

        @Override
        public void deleted(SmppCredential credential) {
        }
    };

    void changed(SmppCredential before, SmppCredential after);

    void deleted(SmppCredential credential);
}
