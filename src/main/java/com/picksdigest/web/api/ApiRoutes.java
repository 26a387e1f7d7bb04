package com.picksdigest.web.api;

import com.picksdigest.api.ApiKeys;
import com.picksdigest.api.Idempotency;
import com.picksdigest.api.ImportJobs;
import com.picksdigest.api.RateLimits;
import com.picksdigest.common.Conflict;
import com.picksdigest.common.InvalidFields;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.common.NotFound;
import com.picksdigest.editing.PickEditing;
import com.picksdigest.editors.AuditLog;
import com.picksdigest.picks.Categories;
import com.picksdigest.picks.PickService;
import com.picksdigest.previews.DigestPreviews;
import com.picksdigest.reports.EditionReports;
import com.picksdigest.subscribers.Signups;
import com.picksdigest.subscribers.SubscriberData;
import com.picksdigest.subscribers.SubscriberService;
import com.picksdigest.web.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under /api/v1, on the public web server. Every route needs {@code Authorization: Bearer KEY} with
 * the route's scope, counts against the key's rate limit (RateLimit-* headers on every answer) and answers JSON;
 * every refusal is an RFC 9457 problem detail. The work is done by the same feature services the workspace pages
 * call ({@link ApiEndpoints} lists the routes and which service each calls).
 */
public final class ApiRoutes implements RouteGroup {
    private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);
    public static final String PREFIX = "/api/v1";

    @FunctionalInterface
    interface Handler {
        void handle(ApiCall call) throws Exception;
    }

    /** What a create answers: kept, when the request carried an Idempotency-Key, to answer its retries. */
    record Created(int status, String location, Object body) {}

    @FunctionalInterface
    interface Creator {
        Created create(ApiCall call);
    }

    /** One route: method and path as Javalin and the OpenAPI document write them, and the scope it needs. */
    public record Route(String method, String path, String scope) {}

    private final ApiKeys keys;
    private final RateLimits limits;
    private final Idempotency idempotency;
    private final List<ApiEndpoints> groups;
    private final List<Route> routes = new ArrayList<>();

    public ApiRoutes(
            ApiKeys keys,
            RateLimits limits,
            Idempotency idempotency,
            PickService picks,
            Categories categories,
            PickEditing editing,
            ZoneId editorZone,
            SubscriberService subscribers,
            Signups signups,
            SubscriberData data,
            EditionReports reports,
            DigestPreviews previews,
            ImportJobs imports,
            AuditLog audit) {
        this.keys = keys;
        this.limits = limits;
        this.idempotency = idempotency;
        this.groups = List.of(
                new PickApi(picks, categories, editing, editorZone),
                new SubscriberApi(subscribers, signups, data, categories, audit),
                new EditionApi(reports, previews, subscribers, audit),
                new ImportApi(imports),
                new OpenApiDocument());
    }

    /** Every route registered, in order: what the OpenAPI document must describe. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The feature endpoints register through this, so that each is authenticated, limited and mapped the same way. */
    final class Registrar {
        private final RoutesConfig r;

        private Registrar(RoutesConfig r) {
            this.r = r;
        }

        void get(String path, String scope, Handler h) {
            add(HandlerType.GET, path, scope, h);
        }

        void post(String path, String scope, Handler h) {
            add(HandlerType.POST, path, scope, h);
        }

        void put(String path, String scope, Handler h) {
            add(HandlerType.PUT, path, scope, h);
        }

        void delete(String path, String scope, Handler h) {
            add(HandlerType.DELETE, path, scope, h);
        }

        /** A POST that creates: with an Idempotency-Key, a retry gets the first answer and creates nothing. */
        void create(String path, String scope, Creator c) {
            add(HandlerType.POST, path, scope, call -> idempotent(call, c));
        }

        /** A route without a key: the OpenAPI document. */
        void open(String path, io.javalin.http.Handler h) {
            routes.add(new Route("get", PREFIX + path, null));
            r.get(PREFIX + path, h);
        }

        private void add(HandlerType method, String path, String scope, Handler h) {
            routes.add(new Route(method.name().toLowerCase(java.util.Locale.ROOT), PREFIX + path, scope));
            r.addHttpHandler(method, PREFIX + path, ctx -> run(ctx, scope, h));
        }
    }

    @Override
    public void register(RoutesConfig r) {
        Registrar reg = new Registrar(r);
        for (ApiEndpoints g : groups) g.register(reg);
        // anything else under the prefix: a problem detail, not the HTML "page not found"
        for (HandlerType m : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE))
            r.addHttpHandler(m, PREFIX + "/*", ctx -> problem(ctx, Problem.notFound("There is no API route here.")));
    }

    private void run(Context ctx, String scope, Handler h) {
        try {
            ApiKeys.Key key = authenticate(ctx);
            RateLimits.Verdict v = limits.take(key.id());
            ctx.header("RateLimit-Limit", String.valueOf(v.limit()));
            ctx.header("RateLimit-Remaining", String.valueOf(v.remaining()));
            ctx.header("RateLimit-Reset", String.valueOf(v.resetSeconds()));
            if (!v.allowed()) {
                throw new Problem(
                                429,
                                "rate-limited",
                                "Too Many Requests",
                                "This key has used its " + v.limit() + " requests of this minute; try again in "
                                        + v.resetSeconds() + " s.")
                        .header("Retry-After", String.valueOf(v.resetSeconds()));
            }
            if (!key.allows(scope)) throw Problem.forbidden(scope);
            h.handle(new ApiCall(ctx, key));
        } catch (Problem p) {
            problem(ctx, p);
        } catch (InvalidFields e) {
            problem(ctx, Problem.invalid(e.getMessage(), e.errors()));
        } catch (NotFound e) {
            problem(ctx, Problem.notFound(e.getMessage()));
        } catch (Conflict e) {
            problem(ctx, Problem.conflict(e.getMessage()));
        } catch (InvalidInputException e) {
            problem(ctx, Problem.invalid(e.getMessage(), null));
        } catch (Exception e) {
            log.error(
                    "{} {} failed: {}: {}",
                    ctx.method(),
                    ctx.path(),
                    e.getClass().getSimpleName(),
                    String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
            problem(
                    ctx,
                    new Problem(
                            500,
                            "internal",
                            "Internal Server Error",
                            "The request failed because of a problem on our side; what it changed, if anything, is "
                                    + "rolled back or complete. Try again later."));
        }
    }

    private ApiKeys.Key authenticate(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth == null || auth.isBlank())
            throw Problem.unauthorized("Send an API key as Authorization: Bearer <key>.");
        if (!auth.regionMatches(true, 0, "Bearer ", 0, 7))
            throw Problem.unauthorized("Only Bearer authorization is accepted.");
        ApiKeys.Check c = keys.check(auth.substring(7).strip());
        if (c instanceof ApiKeys.Valid v) return v.key();
        if (c instanceof ApiKeys.Revoked) throw Problem.unauthorized("This API key was revoked.");
        throw Problem.unauthorized("This is not a valid API key.");
    }

    private void idempotent(ApiCall call, Creator c) {
        String idemKey = call.ctx.header("Idempotency-Key");
        if (idemKey == null) {
            answer(call, c.create(call));
            return;
        }
        if (idemKey.isEmpty() || idemKey.length() > 255 || !idemKey.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
            throw Problem.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters.");
        }
        String hash = sha256(call.ctx.method() + " " + call.ctx.path() + "\n", call.raw());
        Idempotency.Claim claim = idempotency.claim(call.key.id(), idemKey, hash);
        if (claim instanceof Idempotency.Replay r) {
            Idempotency.Answer a = r.answer();
            if (a.location() != null) call.ctx.header("Location", a.location());
            call.ctx.header("Idempotent-Replayed", "true");
            call.ctx
                    .status(a.status())
                    .contentType("application/json; charset=utf-8")
                    .result(a.body());
            return;
        }
        if (claim instanceof Idempotency.Mismatch) {
            throw Problem.invalid(
                    "This Idempotency-Key was used with a different request; use a new key for a new request.", null);
        }
        if (claim instanceof Idempotency.InProgress) {
            throw Problem.conflict("A request with this Idempotency-Key is still being handled; retry in a moment.");
        }
        Created created;
        try {
            created = c.create(call);
        } catch (RuntimeException e) {
            idempotency.release(call.key.id(), idemKey);
            throw e;
        }
        idempotency.finish(
                call.key.id(),
                idemKey,
                new Idempotency.Answer(created.status(), created.location(), ApiCall.write(created.body())));
        answer(call, created);
    }

    private static void answer(ApiCall call, Created c) {
        if (c.location() != null) call.ctx.header("Location", c.location());
        call.json(c.status(), c.body());
    }

    static void problem(Context ctx, Problem p) {
        p.headers().forEach(ctx::header);
        ctx.status(p.status()).contentType("application/problem+json").result(ApiCall.write(p.body(ctx.path())));
    }

    private static String sha256(String head, byte[] body) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(head.getBytes(StandardCharsets.UTF_8));
            d.update(body);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> page(List<?> items, String next) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("items", items);
        m.put("nextCursor", next);
        return m;
    }
}
