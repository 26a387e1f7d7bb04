package com.picksdigest.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Several fields refused at once, each with its own sentence, so a form can show every message next to its field.
 * Where only one sentence fits (the command line), the message is all of them in field order.
 */
public final class InvalidFields extends InvalidInputException {
    private final Map<String, String> errors;

    private InvalidFields(Map<String, String> errors) {
        super(String.join(" ", errors.values()));
        this.errors = Map.copyOf(errors);
    }

    /** Field name to message. */
    public Map<String, String> errors() {
        return errors;
    }

    /** Runs checks field by field, keeping the first refusal of each, and throws them together at the end. */
    public static final class Collector {
        private final Map<String, String> errors = new LinkedHashMap<>();

        /** The check's value, or null when it refused (the refusal is kept for {@link #throwIfAny}). */
        public <T> T check(String field, Supplier<T> check) {
            try {
                return check.get();
            } catch (InvalidInputException e) {
                errors.putIfAbsent(field, e.getMessage());
                return null;
            }
        }

        public void add(String field, String message) {
            errors.putIfAbsent(field, message);
        }

        public boolean has(String field) {
            return errors.containsKey(field);
        }

        public void throwIfAny() {
            if (!errors.isEmpty()) throw new InvalidFields(errors);
        }
    }
}
