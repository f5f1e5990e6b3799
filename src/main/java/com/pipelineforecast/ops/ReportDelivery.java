package com.pipelineforecast.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pipelineforecast.forecast.Json;
import com.pipelineforecast.job.PublishTasklet;
import com.pipelineforecast.job.TeamReports;

import jakarta.mail.internet.MimeMessage;

/**
 * Delivers a published night by mail: {@code --mail-managers} get forecast.pdf, {@code --mail-finance} get
 * pipeline.xlsx, one mail per recipient with the key figures in plain text and HTML. Each delivery is recorded in
 * {@link MailDeliveries} before and after it is handed to the SMTP server, so nothing is sent twice for one run;
 * a mail that fails is retried, then recorded as FAILED (the next start of the same date tries it again) and never
 * fails the published run. The deliveries are logged and added to run.json ({@code deliveries}), which is
 * rewritten at once.
 */
@Component
public class ReportDelivery {

    private static final Logger log = LoggerFactory.getLogger("pipeline.mail");
    private static final ObjectMapper JSON = Json.mapper();
    public static final String MANAGERS = "managers";
    public static final String FINANCE = "finance";
    /** The kind of a team's delivery is this prefix and the team ("team:DACH"). */
    public static final String TEAM = "team:";

    private final MailServer mailServer;
    private final MailDeliveries deliveries;
    private final ObjectProvider<TeamReports> teamReports;

    public ReportDelivery(MailServer mailServer, MailDeliveries deliveries,
            ObjectProvider<TeamReports> teamReports) {
        this.mailServer = mailServer;
        this.deliveries = deliveries;
        this.teamReports = teamReports;
    }

    /** Whether an SMTP server is configured (spring.mail.host). */
    public boolean configured() {
        return mailServer.sender().isPresent();
    }

    /** Sends what has not been sent for the run; returns every delivery of the run as recorded. */
    public List<MailDeliveries.Delivery> deliver(long runId, Path folder, OperationsOptions options) {
        List<RecipientsFile.Recipient> fromFile;
        try {
            fromFile = options.recipientsList();
        } catch (IllegalArgumentException e) {
            // checked before the run; changed since
            log.warn("{}; no mail sent to the recipients of that file", e.getMessage());
            fromFile = List.of();
        }
        java.util.Set<String> managers = new java.util.LinkedHashSet<>(options.mailManagers());
        java.util.Set<String> finance = new java.util.LinkedHashSet<>(options.mailFinance());
        Map<String, java.util.Set<String>> teams = new java.util.TreeMap<>();
        for (RecipientsFile.Recipient r : fromFile) {
            if (r.team() != null) {
                teams.computeIfAbsent(r.team(), t -> new java.util.LinkedHashSet<>()).add(r.address());
            } else {
                (r.report().equals(RecipientsFile.PIPELINE) ? finance : managers).add(r.address());
            }
        }
        if (mailServer.sender().isEmpty() || (managers.isEmpty() && finance.isEmpty() && teams.isEmpty())) {
            return deliveries.ofRun(runId);
        }
        JsonNode run;
        try {
            run = JSON.readTree(folder.resolve(PublishTasklet.MANIFEST).toFile());
        } catch (IOException e) {
            log.warn("cannot read {}: {}; no report mail sent", folder.resolve(PublishTasklet.MANIFEST),
                    e.getMessage());
            return deliveries.ofRun(runId);
        }
        Map<String, java.util.Set<String>> recipients = new LinkedHashMap<>();
        recipients.put(MANAGERS, managers);
        recipients.put(FINANCE, finance);
        recipients.forEach((kind, addresses) -> {
            Path attachment = folder.resolve(kind.equals(MANAGERS) ? "forecast.pdf" : "pipeline.xlsx");
            for (String address : addresses) {
                deliverOne(runId, kind, address, run, attachment, options, folder);
            }
        });
        teams.forEach((team, addresses) -> deliverTeam(runId, team, addresses, run, folder, options));
        List<MailDeliveries.Delivery> all = deliveries.ofRun(runId);
        all.forEach(d -> {
            if (MailDeliveries.SENT.equals(d.status())) {
                log.info("delivery {} to {}: {} ({} attempt{})", d.kind(), d.recipient(), d.status(), d.attempts(),
                        d.attempts() == 1 ? "" : "s");
            } else {
                log.warn("delivery {} to {}: {} ({} attempt{}){}", d.kind(), d.recipient(), d.status(), d.attempts(),
                        d.attempts() == 1 ? "" : "s", d.detail() == null ? "" : ": " + d.detail());
            }
        });
        writeToManifest(folder, all);
        return all;
    }

    /**
     * The forecast of one team's deals to its recipients: rendered (once for all of them) into a temporary folder
     * only when one of them has not received it yet, then mailed as {@code forecast-<team>.pdf} with the team's
     * figures; a team without deals tonight, or a report that cannot be rendered, is recorded as FAILED.
     */
    private void deliverTeam(long runId, String team, java.util.Set<String> addresses, JsonNode run, Path folder,
            OperationsOptions options) {
        String kind = TEAM + team;
        List<String> due = addresses.stream().filter(a -> deliveries.find(runId, kind, a)
                .map(d -> !MailDeliveries.SENT.equals(d.status())).orElse(true)).toList();
        TeamReports reports = teamReports.getIfAvailable();
        if (due.isEmpty() || reports == null) {
            return;
        }
        Path temporary = null;
        try {
            temporary = Files.createTempDirectory("pipeline-forecast-team-");
            TeamReports.Rendered rendered = reports.render(runId, team, temporary, teamFileName(team));
            if (rendered == null) {
                List<String> known = reports.teams(runId);
                failAll(runId, kind, due, "no deal of team '" + team + "' in this run; its teams: "
                        + (known.isEmpty() ? "none" : String.join(", ", known.subList(0, Math.min(20, known.size())))
                                + (known.size() > 20 ? ", …" : "")));
                return;
            }
            ObjectNode teamRun = run.deepCopy();
            teamRun.setAll(rendered.figures());
            for (String address : due) {
                deliverOne(runId, kind, address, teamRun, rendered.pdf(), options, folder);
            }
        } catch (IOException | RuntimeException e) {
            failAll(runId, kind, due, "the team's report could not be rendered: " + rootMessage(e));
        } finally {
            deleteQuietly(temporary);
        }
    }

    private void failAll(long runId, String kind, List<String> addresses, String error) {
        for (String address : addresses) {
            Optional<MailDeliveries.Delivery> before = deliveries.find(runId, kind, address);
            if (before.isPresent() && MailDeliveries.SENDING.equals(before.get().status())) {
                continue;
            }
            deliveries.record(runId, new MailDeliveries.Delivery(kind, address, MailDeliveries.FAILED,
                    before.map(MailDeliveries.Delivery::attempts).orElse(0), error));
        }
    }

    /** A safe attachment name for a team's report: {@code forecast-<team>.pdf}, letters, digits, '.', '-', '_'. */
    public static String teamFileName(String team) {
        String safe = team.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[.-]+|[.-]+$", "");
        if (safe.length() > 80) {
            safe = safe.substring(0, 80);
        }
        if (safe.isEmpty() || !safe.equals(team)) {
            // names that differ only in the characters replaced stay apart
            safe = (safe.isEmpty() ? "team" : safe) + "-" + Integer.toHexString(team.hashCode() & 0xfffff);
        }
        return "forecast-" + safe + ".pdf";
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("could not remove {}: {}", folder, e.getMessage());
        }
    }

    private void deliverOne(long runId, String kind, String address, JsonNode run, Path attachment,
            OperationsOptions options, Path folder) {
        Optional<MailDeliveries.Delivery> before = deliveries.find(runId, kind, address);
        if (before.isPresent() && MailDeliveries.SENT.equals(before.get().status())) {
            return;
        }
        if (before.isPresent() && MailDeliveries.SENDING.equals(before.get().status())) {
            log.warn("delivery {} to {}: an earlier start was interrupted while handing it to the SMTP server; it may "
                    + "have arrived, so it is not sent again", kind, address);
            return;
        }
        int attempts = before.map(MailDeliveries.Delivery::attempts).orElse(0);
        String error = null;
        for (int attempt = 1; attempt <= options.mailAttempts(); attempt++) {
            attempts++;
            deliveries.record(runId, new MailDeliveries.Delivery(kind, address, MailDeliveries.SENDING, attempts,
                    null));
            try {
                send(address, run, attachment, options, folder);
                deliveries.record(runId, new MailDeliveries.Delivery(kind, address, MailDeliveries.SENT, attempts,
                        null));
                return;
            } catch (Exception e) {
                error = rootMessage(e);
                deliveries.record(runId, new MailDeliveries.Delivery(kind, address, MailDeliveries.FAILED, attempts,
                        error));
                log.warn("delivery {} to {}: attempt {} of {} failed: {}", kind, address, attempt,
                        options.mailAttempts(), error);
                if (attempt < options.mailAttempts()) {
                    pause(options.mailRetrySeconds());
                }
            }
        }
    }

    private void send(String address, JsonNode run, Path attachment, OperationsOptions options, Path folder)
            throws Exception {
        JavaMailSender sender = mailServer.sender().orElseThrow();
        long limit = options.mailMaxAttachmentMb() * 1024L * 1024L;
        boolean attach = Files.isRegularFile(attachment) && (limit == 0 || Files.size(attachment) <= limit);
        boolean inFolder = attachment.toAbsolutePath().getParent().equals(folder.toAbsolutePath());
        String note = attach ? null : attachment.getFileName() + " is " + Files.size(attachment) / (1024 * 1024)
                + " MB, over --mail-max-attachment-mb: " + (inFolder ? "it is in " + attachment.toAbsolutePath()
                        : "not attached; the night's reports are in " + folder.toAbsolutePath());
        ReportMail mail = ReportMail.of(run, attach ? attachment.getFileName().toString()
                : "no attachment", note);
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                "UTF-8");
        helper.setFrom(options.mailFrom());
        helper.setTo(address);
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        if (attach) {
            helper.addAttachment(attachment.getFileName().toString(), new FileSystemResource(attachment));
        }
        sender.send(message);
    }

    /** Adds {@code deliveries} to run.json, replacing the file at once (readers never see half of it). */
    private static void writeToManifest(Path folder, List<MailDeliveries.Delivery> all) {
        Path manifest = folder.resolve(PublishTasklet.MANIFEST);
        Path temporary = folder.resolve("." + PublishTasklet.MANIFEST + ".tmp");
        try {
            ObjectNode run = (ObjectNode) JSON.readTree(manifest.toFile());
            ArrayNode list = run.putArray("deliveries");
            for (MailDeliveries.Delivery d : all) {
                ObjectNode line = list.addObject();
                boolean team = d.kind().startsWith(TEAM);
                line.put("report", team ? teamFileName(d.kind().substring(TEAM.length()))
                        : d.kind().equals(MANAGERS) ? "forecast.pdf" : "pipeline.xlsx");
                if (team) {
                    line.put("team", d.kind().substring(TEAM.length()));
                }
                line.put("to", d.recipient());
                line.put("status", d.status());
                line.put("attempts", d.attempts());
                line.put("error", d.detail());
            }
            JSON.writeValue(temporary.toFile(), run);
            Files.move(temporary, manifest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("could not add the deliveries to {}: {}", manifest, e.getMessage());
        }
    }

    static void pause(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String rootMessage(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null && messages.size() < 3; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !messages.contains(t.getMessage())) {
                messages.add(t.getMessage().replace('\n', ' ').trim());
            }
        }
        return messages.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", messages);
    }
}
