package com.picksdigest.providers;

/** A webhook request that is not acted on: its status and the one sentence the answer and the log carry. */
final class HookRefused extends Exception {
    final int status;

    HookRefused(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
