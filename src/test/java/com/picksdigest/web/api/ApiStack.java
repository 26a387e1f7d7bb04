package com.picksdigest.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.picksdigest.App;
import com.picksdigest.config.Settings;
import com.picksdigest.support.TestDatabase;
import com.picksdigest.web.WebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A migrated schema, the real App and its public web server on a loopback port, and a client for the API. */
final class ApiStack implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final TestDatabase db;
    final App app;
    final WebServer web;
    final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    ApiStack(Class<?> owner, int smtpPort, Map<String, String> extra) {
        db = TestDatabase.migrated(owner);
        Map<String, String> s = new HashMap<>();
        s.put("PICKS_DB_URL", db.url());
        s.put("PICKS_SECRET", "api-test-secret-api-test-secret-api-test-secret");
        s.put("PICKS_FROM", "Picks <digest@example.org>");
        s.put("PICKS_BASE_URL", "https://picks.example.org");
        s.put("PICKS_SMTP_HOST", "127.0.0.1");
        s.put("PICKS_SMTP_PORT", String.valueOf(smtpPort > 0 ? smtpPort : closedPort()));
        s.putAll(extra);
        app = App.boot(Settings.of(s), Clock.systemUTC()).withoutMigrating().open();
        web = app.webServer().start("127.0.0.1", 0);
    }

    /** A key made the way the admin page makes one. */
    String key(String name, String... scopes) {
        return app.apiKeys().create(name, List.of(scopes), "test").secret();
    }

    String url(String path) {
        return "http://127.0.0.1:" + web.port() + path;
    }

    HttpResponse<String> get(String key, String path) {
        return send(request(key, path).GET());
    }

    HttpResponse<String> post(String key, String path, String json) {
        return send(request(key, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> put(String key, String path, String json) {
        return send(request(key, path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(String key, String path) {
        return send(request(key, path).DELETE());
    }

    HttpRequest.Builder request(String key, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60));
        if (key != null) b.header("Authorization", "Bearer " + key);
        return b;
    }

    HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.close();
        db.close();
    }
}
