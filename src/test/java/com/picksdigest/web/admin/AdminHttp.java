package com.picksdigest.web.admin;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One browser-like HTTP client: keeps its own cookies (by hand, so tests see every Set-Cookie), never follows redirects. */
final class AdminHttp {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AdminStack stack;
    private final String forwardedFor;
    final Map<String, String> cookies = new HashMap<>();

    AdminHttp(AdminStack stack) {
        this(stack, null);
    }

    /** @param forwardedFor sent as X-Forwarded-For: the client a trusted proxy would name; null sends none */
    AdminHttp(AdminStack stack, String forwardedFor) {
        this.stack = stack;
        this.forwardedFor = forwardedFor;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(stack.url(path))).GET());
    }

    HttpResponse<String> post(String path, String... pairs) {
        return send(HttpRequest.newBuilder(URI.create(stack.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(pairs))));
    }

    /** A POST carrying the CSRF token of this client's session, as the workspace's own forms do. */
    HttpResponse<String> submit(String path, String... pairs) {
        String[] all = new String[pairs.length + 2];
        all[0] = "csrf";
        all[1] = csrf();
        System.arraycopy(pairs, 0, all, 2, pairs.length);
        return post(path, all);
    }

    /** A multipart form POST with this session's CSRF token and one file, as a browser's file upload sends it. */
    HttpResponse<String> upload(String path, String field, String fileName, byte[] content) {
        String boundary = "----picks" + System.nanoTime();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf() + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n";
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[h.length + content.length + tail.length];
        System.arraycopy(h, 0, body, 0, h.length);
        System.arraycopy(content, 0, body, h.length, content.length);
        System.arraycopy(tail, 0, body, h.length + content.length, tail.length);
        return send(HttpRequest.newBuilder(URI.create(stack.url(path)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    String csrf() {
        Matcher m = CSRF.matcher(get("/admin/account").body());
        if (!m.find()) throw new AssertionError("no CSRF field: not signed in?");
        return m.group(1);
    }

    HttpResponse<String> signIn(String email, String password) {
        return post("/admin/login", "csrf", loginCsrf(), "email", email, "password", password, "next", "");
    }

    /** The sign-in form's CSRF token; fetching the form sets the cookie it is bound to. */
    String loginCsrf() {
        Matcher m = CSRF.matcher(get("/admin/login").body());
        if (!m.find()) throw new AssertionError("no CSRF field on the sign-in page");
        return m.group(1);
    }

    /** A sign-in POST as this client sends it (its cookies, its X-Forwarded-For), for a test to fire many at once. */
    HttpRequest signInRequest(String csrf, String email, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.url("/admin/login")))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        form("csrf", csrf, "email", email, "password", password, "next", "")));
        if (forwardedFor != null) b.header("X-Forwarded-For", forwardedFor);
        StringJoiner j = new StringJoiner("; ");
        cookies.forEach((k, v) -> j.add(k + "=" + v));
        if (!cookies.isEmpty()) b.header("Cookie", j.toString());
        return b.build();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        if (forwardedFor != null) b.header("X-Forwarded-For", forwardedFor);
        if (!cookies.isEmpty()) {
            StringJoiner j = new StringJoiner("; ");
            cookies.forEach((k, v) -> j.add(k + "=" + v));
            b.header("Cookie", j.toString());
        }
        try {
            HttpResponse<String> r =
                    http.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            for (String c : r.headers().allValues("Set-Cookie")) {
                String[] nv = c.split(";", 2)[0].split("=", 2);
                if (nv[1].isEmpty() || c.toLowerCase().contains("max-age=0")) cookies.remove(nv[0]);
                else cookies.put(nv[0], nv[1]);
            }
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String form(String... pairs) {
        StringJoiner j = new StringJoiner("&");
        for (int i = 0; i < pairs.length; i += 2) {
            j.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return j.toString();
    }

    static List<String> setCookies(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie");
    }
}
