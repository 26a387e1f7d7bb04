package com.picksdigest.editors;

import com.picksdigest.db.generated.tables.records.EditorsRecord;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks a password against the throttle and the stored hash, and opens a session when both agree. */
public final class SignIn {
    private static final Logger log = LoggerFactory.getLogger(SignIn.class);

    public sealed interface Outcome {}

    /** @param cookie the value for the session cookie */
    public record SignedIn(Editor editor, String cookie) implements Outcome {}

    public record Refused() implements Outcome {}

    public record Throttled(Duration retryAfter) implements Outcome {}

    private final EditorAccounts accounts;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final Sessions sessions;
    private final AuditLog audit;

    public SignIn(
            EditorAccounts accounts, Passwords passwords, LoginThrottle throttle, Sessions sessions, AuditLog audit) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.sessions = sessions;
        this.audit = audit;
    }

    public Outcome attempt(String email, String password, String ip) {
        Duration wait = throttle.wait(email, ip);
        if (!wait.isZero()) {
            log.warn("Sign-in throttled for {} from {}", printable(email), ip);
            return new Throttled(wait);
        }
        EditorsRecord r = accounts.forSignIn(email);
        if (!passwords.matches(password, r == null ? null : r.getPasswordHash())) {
            throttle.failed(email, ip);
            log.info("Sign-in refused for {} from {}", printable(email), ip);
            return new Refused();
        }
        throttle.succeeded(email);
        Editor editor = EditorAccounts.editor(r);
        String cookie = sessions.start(editor.id());
        audit.record(editor.actor(), "sign-in", "editor", editor.id(), "from " + ip);
        return new SignedIn(editor, cookie);
    }

    /** Typed by anyone: kept to one short line in the log. */
    private static String printable(String s) {
        if (s == null) return "-";
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 100 ? p.substring(0, 100) + "..." : p;
    }
}
