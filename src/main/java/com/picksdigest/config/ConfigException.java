package com.picksdigest.config;

/** A setting is missing or malformed; the message is one sentence naming the setting, shown as is. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
