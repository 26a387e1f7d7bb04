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

    /**
     * @param ip the client's address (after the proxy rule, see web/ClientAddress); the throttle counts its network
     */
    public Outcome attempt(String email, String password, String ip) {
        LoginThrottle.Ticket ticket = throttle.reserve(email, ip);
        if (ticket instanceof LoginThrottle.Wait w) {
            log.warn("Sign-in throttled for {} from {}", printable(email), ip);
            return new Throttled(w.retryAfter());
        }
        // Counted as a failure already: a wrong password (or an error) leaves it so; only the right one gives it back.
        EditorsRecord r = accounts.forSignIn(email);
        if (!passwords.matches(password, r == null ? null : r.getPasswordHash())) {
            log.info("Sign-in refused for {} from {}", printable(email), ip);
            return new Refused();
        }
        throttle.release((LoginThrottle.Go) ticket);
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
