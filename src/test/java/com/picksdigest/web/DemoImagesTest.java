package com.picksdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.demo.DemoData;
import com.picksdigest.previews.DigestPreviews;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's pick images as a mail client meets them: img URLs in the digest that the product's own server answers. */
class DemoImagesTest {
    private static WebTestSupport web;

    @BeforeAll
    static void start() {
        web = new WebTestSupport(DemoImagesTest.class);
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    @Test
    void theDemoDigestsImagesAnswer200PngFromTheRunningServer() throws Exception {
        String base = "http://127.0.0.1:" + web.server.port();
        new DemoData(web.categories, web.app.picks(), web.subscribers, web.app.clock(), base).seed();
        DigestPreviews previews = web.app.previews();
        // ada follows AI and Science, margaret Security, joao everything: together they show every image
        List<String> sources = new ArrayList<>();
        for (String reader : List.of("ada@example.org", "margaret@example.org", "joao@example.org")) {
            var preview = previews.preview(new DigestPreviews.Target(reader, Set.of()));
            assertThat(preview.empty()).as(preview.reason()).isFalse();
            Matcher img = Pattern.compile("<img src=\"([^\"]+)\"")
                    .matcher(previews.render(preview.model()).html());
            while (img.find()) sources.add(img.group(1));
        }
        assertThat(sources.stream().distinct())
                .containsExactlyInAnyOrder(
                        base + "/static/demo/ai.png",
                        base + "/static/demo/security.png",
                        base + "/static/demo/open-source.png",
                        base + "/static/demo/science.png");
        for (String src : sources) {
            HttpResponse<byte[]> r = web.http.send(
                    HttpRequest.newBuilder(URI.create(src)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(src).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
            assertThat(image).as(src).isNotNull();
            assertThat(image.getWidth()).isEqualTo(560);
            assertThat(r.body().length).as("a few KB").isLessThan(8 * 1024);
        }
    }

    @Test
    void onlyTheListedNamesAreServed() {
        for (String path : List.of(
                "/static/demo/unknown.png",
                "/static/demo/ai.PNG",
                "/static/demo/ai",
                "/static/demo/subscribe.js",
                "/static/demo/")) {
            assertThat(web.get(path).statusCode()).as(path).isEqualTo(404);
        }
        // Traversal out of the folder: refused before any route (400) or names no image (404), never the file
        for (String requestLine : List.of(
                "GET /static/demo/../../picks-digest.properties HTTP/1.1",
                "GET /static/demo/..%2F..%2Fpicks-digest.properties HTTP/1.1",
                "GET /static/demo/%2E%2E/%2E%2E/logback.xml HTTP/1.1",
                "GET /static/demo/..%5C..%5Clogback.xml HTTP/1.1")) {
            assertThat(web.rawStatus(requestLine, new byte[0])).as(requestLine).isIn(400, 404);
        }
        assertThat(web.get("/static/demo/..%2Fdemo%2Fai.png").statusCode()).isIn(400, 404);
    }
}
