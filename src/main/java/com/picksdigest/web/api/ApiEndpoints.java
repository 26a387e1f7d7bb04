package com.picksdigest.web.api;

/** A feature's API routes; each registers through the registrar, which authenticates, limits and maps errors. */
interface ApiEndpoints {
    void register(ApiRoutes.Registrar r);
}
