package com.picksdigest.web;

import io.javalin.config.RoutesConfig;

/** A feature's routes, declared in one place: the route classes only register, the work is in feature services. */
@FunctionalInterface
public interface RouteGroup {
    void register(RoutesConfig routes);
}
