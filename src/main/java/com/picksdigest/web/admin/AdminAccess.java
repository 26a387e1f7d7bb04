package com.picksdigest.web.admin;

import com.picksdigest.editors.Sessions;
import com.picksdigest.editors.SignIn;
import com.picksdigest.web.ClientAddress;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Who may see the workspace. Every /admin request but the sign-in page needs a live session cookie (else it is sent
 * to sign in); every POST needs the session's CSRF token (else 403, nothing changed); admin-only pages answer 403
 * to editors. The cookie is HttpOnly, SameSite=Lax, limited to /admin, and Secure when the public URL is https.
 *
 * <p>The sign-in form has no session yet, so its CSRF token is bound to a short-lived random cookie instead
 * (the double-submit pattern): another site cannot read that cookie and so cannot forge a sign-in.
 */
final class AdminAccess {
    static final String COOKIE = "picks_admin";
    static final String LOGIN_COOKIE = "picks_login";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sessions sessions;
    private final SignIn signIn;
    private final AdminPages pages;
    private final boolean secureCookies;
    private final ClientAddress clients;

    AdminAccess(Sessions sessions, SignIn signIn, AdminPages pages, boolean secureCookies, ClientAddress clients) {
        this.sessions = sessions;
        this.signIn = signIn;
        this.pages = pages;
        this.secureCookies = secureCookies;
        this.clients = clients;
    }

    void guard(Context ctx) {
        String path = ctx.path();
        if (path.equals("/admin/login")) return;
        Sessions.Current s = sessions.resolve(ctx.cookie(COOKIE));
        if (s == null) {
            String next = ctx.method() == HandlerType.GET
                    ? path + (ctx.queryString() == null ? "" : "?" + ctx.queryString())
                    : "";
            String target = pages.path("/admin/login")
                    + (next.isEmpty()
                            ? ""
                            : "?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
            ctx.redirect(target, HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(AdminPages.SESSION, s);
        if (ctx.method() == HandlerType.POST && !pages.csrfMatches(s, ctx.formParam("csrf")))
            throw AdminError.badCsrf();
        if (adminOnly(path) && !s.editor().admin()) throw AdminError.forbidden();
    }

    static boolean adminOnly(String path) {
        return path.startsWith("/admin/editors")
                || path.startsWith("/admin/settings")
                || path.startsWith("/admin/audit")
                || path.startsWith("/admin/api-keys")
                || path.startsWith("/admin/webhooks");
    }

    void showLogin(Context ctx) {
        if (sessions.resolve(ctx.cookie(COOKIE)) != null) {
            pages.redirect(ctx, "/admin/picks", null);
            return;
        }
        form(ctx, 200, "", null);
    }

    void submitLogin(Context ctx) {
        String loginCookie = ctx.cookie(LOGIN_COOKIE);
        if (loginCookie == null || !pages.csrf().matches("login:" + loginCookie, ctx.formParam("csrf"))) {
            throw AdminError.badCsrf();
        }
        String email = ctx.formParam("email");
        SignIn.Outcome outcome = signIn.attempt(email, ctx.formParam("password"), clients.of(ctx));
        if (outcome instanceof SignIn.SignedIn in) {
            ctx.cookie(cookie(
                    COOKIE, in.cookie(), "/admin", (int) sessionsLifetime().toSeconds(), SameSite.LAX));
            ctx.removeCookie(LOGIN_COOKIE, pages.path("/admin/login"));
            ctx.redirect(safeNext(ctx.formParam("next")), HttpStatus.SEE_OTHER);
        } else if (outcome instanceof SignIn.Throttled t) {
            long seconds = Math.max(1, (t.retryAfter().toMillis() + 999) / 1000);
            long minutes = (seconds + 59) / 60;
            ctx.header("Retry-After", String.valueOf(seconds));
            form(
                    ctx,
                    429,
                    email,
                    "Too many failed sign-ins. Try again in " + minutes + " minute" + (minutes == 1 ? "" : "s") + ".");
        } else {
            form(ctx, 401, email, "Wrong e-mail address or password.");
        }
    }

    void logout(Context ctx) {
        sessions.end(ctx.cookie(COOKIE));
        ctx.removeCookie(COOKIE, pages.path("/admin"));
        pages.redirect(ctx, "/admin/login", null);
    }

    private void form(Context ctx, int status, String email, String error) {
        String loginCookie = ctx.cookie(LOGIN_COOKIE);
        if (loginCookie == null || !loginCookie.matches("[A-Za-z0-9_-]{22}")) {
            byte[] b = new byte[16];
            RANDOM.nextBytes(b);
            loginCookie = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            ctx.cookie(cookie(LOGIN_COOKIE, loginCookie, "/admin/login", 3600, SameSite.STRICT));
        }
        Map<String, Object> m = new HashMap<>();
        m.put("email", email == null ? "" : email);
        m.put(
                "next",
                ctx.queryParam("next") != null
                        ? ctx.queryParam("next")
                        : ctx.formParam("next") == null ? "" : ctx.formParam("next"));
        m.put("loginCsrf", pages.csrf().issue("login:" + loginCookie));
        if (error != null) m.put("error", error);
        pages.render(ctx, status, "login.html.ftl", m);
    }

    /** Only a path inside the workspace; anything else (another host, //evil) lands on the picks list. */
    private String safeNext(String next) {
        if (next != null && next.matches("/admin(/[A-Za-z0-9/_.?=&%+-]*)?") && !next.startsWith("//"))
            return pages.path(next);
        return pages.path("/admin/picks");
    }

    private Duration sessionsLifetime() {
        return sessions.lifetime();
    }

    private Cookie cookie(String name, String value, String path, int maxAge, SameSite sameSite) {
        Cookie c = new Cookie(name, value);
        c.setPath(pages.path(path));
        c.setMaxAge(maxAge);
        c.setHttpOnly(true);
        c.setSecure(secureCookies);
        c.setSameSite(sameSite);
        return c;
    }
}
