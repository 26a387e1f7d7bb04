package com.picksdigest.web;

import com.picksdigest.demo.DemoImages;
import io.javalin.http.Context;

/** GET /static/demo/{file}: the demo picks' images, so a digest the demo sends shows them from the demo's own server. */
final class DemoImagePage {
    private final DemoImages images;

    DemoImagePage(DemoImages images) {
        this.images = images;
    }

    void show(Context ctx) {
        byte[] png = images.png(ctx.pathParam("file")).orElseThrow(WebError::notFound);
        // The files never change within a release: mail clients and browsers may keep them a day.
        ctx.header("Cache-Control", "public, max-age=86400")
                .contentType("image/png")
                .result(png);
    }
}
