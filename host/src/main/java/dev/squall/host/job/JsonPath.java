package dev.squall.host.job;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.List;

/** Where a value sits in a JSON document: keys and array indices from the root, shown as {@code frames[1].view}. */
record JsonPath(List<Object> steps) {
    static final JsonPath ROOT = new JsonPath(List.of());

    JsonPath {
        steps = List.copyOf(steps);
    }

    JsonPath key(String key) {
        return with(key);
    }

    JsonPath index(int index) {
        return with(index);
    }

    private JsonPath with(Object step) {
        List<Object> more = new ArrayList<>(steps);
        more.add(step);
        return new JsonPath(more);
    }

    boolean isRoot() {
        return steps.isEmpty();
    }

    JsonPointer pointer() {
        JsonPointer pointer = JsonPointer.empty();
        for (Object step : steps) {
            pointer = step instanceof Integer i ? pointer.appendIndex(i) : pointer.appendProperty((String) step);
        }
        return pointer;
    }

    /** The path with every index as {@code []}: {@code frames[].view}, to look up what a field allows. */
    String pattern() {
        return render(true);
    }

    @Override
    public String toString() {
        return render(false);
    }

    private String render(boolean anyIndex) {
        StringBuilder text = new StringBuilder();
        for (Object step : steps) {
            if (step instanceof Integer i) {
                text.append('[').append(anyIndex ? "" : i).append(']');
            } else {
                if (!text.isEmpty()) {
                    text.append('.');
                }
                text.append(step);
            }
        }
        return text.toString();
    }
}
