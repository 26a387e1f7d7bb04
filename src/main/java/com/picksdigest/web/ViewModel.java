package com.picksdigest.web;

import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * A page's model given as a record, as templates read it: each component a top-level name, so a name the Java side
 * misspells does not compile. Rows and forms a template reads inside it are public records too, as FreeMarker reads
 * only public classes' accessors. A null component is left out, as an absent key was, so {@code x??} reads the same.
 */
public final class ViewModel {
    private ViewModel() {}

    public static Map<String, Object> of(Record view) {
        Map<String, Object> values = new HashMap<>();
        for (RecordComponent c : view.getClass().getRecordComponents()) {
            Object value;
            try {
                c.getAccessor().setAccessible(true); // page records are nested and package-private
                value = c.getAccessor().invoke(view);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(
                        "Cannot read " + c + " of " + view.getClass().getName(), e);
            }
            if (value != null) values.put(c.getName(), value);
        }
        return values;
    }
}
