package com.pipelineforecast.ops;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The text of a report mail, from the run's run.json: the key figures (open pipeline, the weighted forecasts of
 * the whole pipeline and of the current quarter, closed won this quarter, rows read and rejected), the INCOMPLETE
 * banner of an incomplete night and the warning of an unchanged input, in plain text and in HTML.
 */
public record ReportMail(String subject, String text, String html) {

    /** The figures of a run, as the mail lists them (label, then the amount or count as written). */
    public static Map<String, String> keyFigures(JsonNode run) {
        String currency = run.path("reportingCurrency").asText();
        JsonNode totals = run.path("totals");
        String quarter = run.path("currentQuarter").asText("");
        BigDecimal quarterReported = BigDecimal.ZERO;
        BigDecimal quarterAdjusted = BigDecimal.ZERO;
        for (JsonNode period : run.path("periods")) {
            if (period.path("period").asText().equals(quarter)) {
                quarterReported = quarterReported.add(new BigDecimal(period.path("weighted").asText("0")));
                quarterAdjusted = quarterAdjusted.add(new BigDecimal(period.path("weightedChecklistAdjusted")
                        .asText("0")));
            }
        }
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("Open pipeline", money(totals.path("openAmount").asText(), currency));
        figures.put("Weighted as reported", money(totals.path("weightedAsReported").asText(), currency));
        figures.put("Weighted, checklist-adjusted", money(totals.path("weightedChecklistAdjusted").asText(),
                currency));
        if (!quarter.isEmpty()) {
            figures.put("This quarter (" + quarter + ") weighted as reported", money(quarterReported.toPlainString(),
                    currency));
            figures.put("This quarter (" + quarter + ") checklist-adjusted", money(quarterAdjusted.toPlainString(),
                    currency));
            figures.put("Closed won this quarter", money(run.path("closedWonThisQuarter").asText("0"), currency));
        }
        figures.put("Rows read", String.format("%,d", run.path("counts").path("read").asLong()));
        figures.put("Rows rejected", String.format("%,d", run.path("counts").path("rejected").asLong()));
        return figures;
    }

    /** A mail for a report: {@code what} names the attachment ("forecast.pdf"), {@code note} any extra line. */
    public static ReportMail of(JsonNode run, String what, String note) {
        String date = run.path("runDate").asText();
        boolean complete = run.path("complete").asBoolean(true);
        String banner = complete ? null : run.path("incomplete").asText("INCOMPLETE");
        boolean unchanged = run.path("inputUnchanged").asBoolean(false);
        String team = run.hasNonNull("team") ? run.path("team").asText() : null;
        String subject = (complete ? "" : "[INCOMPLETE] ") + "Pipeline forecast " + date
                + (team == null ? "" : ", team " + team) + ": weighted "
                + money(run.path("totals").path("weightedAsReported").asText(), run.path("reportingCurrency")
                        .asText());
        List<String> warnings = new ArrayList<>();
        if (banner != null) {
            warnings.add(banner);
        }
        if (unchanged) {
            warnings.add("Input unchanged: the exports are byte for byte those of the previous night - the CRM "
                    + "export may not have run.");
        }
        Map<String, String> figures = keyFigures(run);
        StringBuilder text = new StringBuilder();
        warnings.forEach(w -> text.append(w).append("\n\n"));
        text.append("Pipeline forecast of ").append(date).append(" (").append(what).append(" attached");
        text.append(note == null ? ")" : "; " + note + ")").append("\n\n");
        String teamLine = team == null ? null : "Team " + team + " only: the figures are of its "
                + String.format("%,d", run.path("teamDeals").asLong()) + " deals; rows read and rejected are the "
                + "night's.";
        if (teamLine != null) {
            text.append(teamLine).append("\n\n");
        }
        int width = figures.keySet().stream().mapToInt(String::length).max().orElse(0);
        figures.forEach((label, value) -> text.append(String.format("%-" + width + "s  %s%n", label, value)));
        text.append("\nPlaybook ").append(run.path("playbook").asText()).append(". Every figure is in run.json of ")
                .append("the night.\n");

        StringBuilder html = new StringBuilder("<html><body style=\"font-family:sans-serif\">");
        warnings.forEach(w -> html.append("<p style=\"color:#b00020;font-weight:bold\">").append(escape(w))
                .append("</p>"));
        html.append("<p>Pipeline forecast of <b>").append(escape(date)).append("</b> (").append(escape(what))
                .append(" attached").append(note == null ? "" : "; " + escape(note)).append(")</p>");
        if (teamLine != null) {
            html.append("<p><b>").append(escape(teamLine)).append("</b></p>");
        }
        html.append("<table style=\"border-collapse:collapse\">");
        figures.forEach((label, value) -> html.append("<tr><td style=\"padding:2px 12px 2px 0\">")
                .append(escape(label)).append("</td><td style=\"text-align:right\">").append(escape(value))
                .append("</td></tr>"));
        html.append("</table><p style=\"color:#666\">Playbook ").append(escape(run.path("playbook").asText()))
                .append(". Every figure is in run.json of the night.</p></body></html>");
        return new ReportMail(subject, text.toString(), html.toString());
    }

    static String money(String plain, String currency) {
        if (plain == null || plain.isBlank()) {
            return "-";
        }
        return String.format("%,.2f %s", new BigDecimal(plain), currency);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
