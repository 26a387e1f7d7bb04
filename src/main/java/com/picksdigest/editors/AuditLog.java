package com.picksdigest.editors;

import static com.picksdigest.db.generated.Tables.AUDIT_LOG;

import com.picksdigest.db.generated.tables.records.AuditLogRecord;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who changed what: one row per change made in the workspace or by the editors command, and one log line. */
public final class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private final DSLContext db;
    private final Clock clock;

    public AuditLog(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * @param action  e.g. "create", "publish", "sign-in"
     * @param subject what kind of record, e.g. "pick", "feed", "editor"
     */
    public void record(String actor, String action, String subject, Long subjectId, String detail) {
        String d = detail == null ? null : oneLine(detail);
        db.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.ACTOR, actor)
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.SUBJECT, subject)
                .set(AUDIT_LOG.SUBJECT_ID, subjectId)
                .set(AUDIT_LOG.DETAIL, d)
                .set(AUDIT_LOG.CREATED_AT, LocalDateTime.now(clock.withZone(ZoneOffset.UTC)))
                .execute();
        log.info("Audit: {} {} {}{}", actor, action, subject, subjectId == null ? "" : " #" + subjectId);
    }

    public List<AuditLogRecord> recent(int limit) {
        return db.selectFrom(AUDIT_LOG)
                .orderBy(AUDIT_LOG.ID.desc())
                .limit(limit)
                .fetch();
    }

    private static String oneLine(String s) {
        String one = s.replaceAll("[\\x00-\\x1f\\x7f]+", " ").strip();
        return one.length() > 1000 ? one.substring(0, 997) + "..." : one;
    }
}
