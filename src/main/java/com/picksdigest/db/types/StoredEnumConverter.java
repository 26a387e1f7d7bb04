package com.picksdigest.db.types;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.AbstractConverter;

/**
 * Maps a status column's lower-case word to its enum. An unknown word fails loudly, naming it, instead of
 * turning into null: a row written by a newer version or by hand must not read as "no status".
 */
public abstract class StoredEnumConverter<E extends Enum<E>> extends AbstractConverter<String, E> {
    private final Map<String, E> byStored;

    protected StoredEnumConverter(Class<E> type) {
        super(String.class, type);
        byStored = Arrays.stream(type.getEnumConstants())
                .collect(Collectors.toMap(StoredEnumConverter::stored, Function.identity()));
    }

    /** The word stored for an enum value; Locale.ROOT so a Turkish-locale JVM still writes "published". */
    static String stored(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E from(String stored) {
        if (stored == null) return null;
        E value = byStored.get(stored);
        if (value == null) {
            throw new DataTypeException("Unknown " + toType().getSimpleName() + " '" + stored
                    + "' in the database; known: "
                    + String.join(", ", byStored.keySet().stream().sorted().toList()));
        }
        return value;
    }

    @Override
    public String to(E value) {
        return value == null ? null : stored(value);
    }
}
