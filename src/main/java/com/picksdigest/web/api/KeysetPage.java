package com.picksdigest.web.api;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One page of rows sorted by (created, id). The rows are fetched with one more than the limit: that extra row, never
 * shown, is how the page knows another follows, so the last page carries no cursor and costs no empty request.
 */
record KeysetPage<T>(List<T> rows, String next) {

    static <T> KeysetPage<T> of(
            List<T> fetched, int limit, Function<T, LocalDateTime> createdAt, ToLongFunction<T> id) {
        if (fetched.size() <= limit) return new KeysetPage<>(fetched, null);
        List<T> rows = fetched.subList(0, limit);
        T last = rows.get(rows.size() - 1);
        return new KeysetPage<>(rows, new Cursor(createdAt.apply(last).toString(), id.applyAsLong(last)).encode());
    }

    /** The API's page body: the items as {@code item} writes them, and the next page's cursor. */
    Map<String, Object> body(Function<T, ?> item) {
        return ApiRoutes.page(rows.stream().map(item).toList(), next);
    }
}
