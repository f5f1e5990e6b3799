package com.pipelineforecast.ops;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The record of every report mail of a run (table {@code mail_delivery}, created from {@code db/schema.sql}): a
 * row is written as SENDING before the mail goes to the SMTP server and becomes SENT or FAILED after, so a run
 * started again (a restart after a crash, "already complete") sends only what was never handed over.
 */
@Component
public class MailDeliveries {

    public static final String SENDING = "SENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    /**
     * One delivery: the report kind (managers, finance, or team:<team> for the forecast of one team), the
     * recipient, its status, attempts and last error.
     */
    public record Delivery(String kind, String recipient, String status, int attempts, String detail) {
    }

    private static final String FIND = """
            SELECT kind, recipient, status, attempts, detail FROM mail_delivery
            WHERE run_id = ? AND kind = ? AND recipient = ?""";
    private static final String OF_RUN = """
            SELECT kind, recipient, status, attempts, detail FROM mail_delivery
            WHERE run_id = ? ORDER BY kind, recipient""";
    private static final String INSERT = """
            INSERT INTO mail_delivery (run_id, kind, recipient, status, attempts, detail, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String UPDATE = """
            UPDATE mail_delivery SET status = ?, attempts = ?, detail = ?, updated_at = ?
            WHERE run_id = ? AND kind = ? AND recipient = ?""";

    private final JdbcTemplate jdbc;

    public MailDeliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Delivery> find(long runId, String kind, String recipient) {
        return jdbc.query(FIND, (rs, n) -> delivery(rs), runId, kind, recipient).stream().findFirst();
    }

    public List<Delivery> ofRun(long runId) {
        return jdbc.query(OF_RUN, (rs, n) -> delivery(rs), runId);
    }

    /** Records the state of a delivery, creating its row on the first attempt. */
    public void record(long runId, Delivery delivery) {
        Timestamp now = Timestamp.from(Instant.now());
        String detail = delivery.detail() == null ? null
                : delivery.detail().substring(0, Math.min(2000, delivery.detail().length()));
        int updated = jdbc.update(UPDATE, delivery.status(), delivery.attempts(), detail, now, runId, delivery.kind(),
                delivery.recipient());
        if (updated == 0) {
            jdbc.update(INSERT, runId, delivery.kind(), delivery.recipient(), delivery.status(), delivery.attempts(),
                    detail, now);
        }
    }

    private static Delivery delivery(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Delivery(rs.getString("kind"), rs.getString("recipient"), rs.getString("status"),
                rs.getInt("attempts"), rs.getString("detail"));
    }
}
