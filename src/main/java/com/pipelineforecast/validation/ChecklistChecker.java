package com.pipelineforecast.validation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.pipelineforecast.domain.Finding;
import com.pipelineforecast.domain.FindingCode;
import com.pipelineforecast.domain.RejectionReason;
import com.pipelineforecast.domain.Severity;
import com.pipelineforecast.ingest.DateParser;
import com.pipelineforecast.ingest.FxRates;
import com.pipelineforecast.ingest.ParseNote;
import com.pipelineforecast.ingest.ParsedDeal;
import com.pipelineforecast.ingest.RowRejectedException;
import com.pipelineforecast.playbook.CheckKind;
import com.pipelineforecast.playbook.ChecklistItem;
import com.pipelineforecast.playbook.Condition;
import com.pipelineforecast.playbook.Names;
import com.pipelineforecast.playbook.Outcome;
import com.pipelineforecast.playbook.Playbook;
import com.pipelineforecast.playbook.Stage;

/**
 * Checks a deal against the checklists of the stages before the one it claims. The deal is evidenced at the
 * highest stage S (at most the claimed one) such that every applicable required item of every open stage
 * before S is done. Items of the claimed stage itself are its next steps, not errors. Closed deals are not checked
 * against earlier stages (a won deal reports only its own post-sale items). An item the export does not carry at
 * all is not assessed: what the export does not say is unknown, not "not done". An item is done by a yes-like
 * word (English, German, Thai, Chinese) or a date on or before the run date in its column, or by its id in the
 * checklist column; a future date is not done yet. {@code check: auto} items are evaluated after ingest (see
 * DuplicateDetector).
 */
public final class ChecklistChecker {

    private static final java.util.regex.Pattern LIST_SEPARATOR = java.util.regex.Pattern.compile("[;,]");
    private static final Set<String> DONE = Set.of("yes", "y", "x", "true", "1", "done", "ja", "j", "erledigt", "是",
            "已完成", "完成", "ใช่", "เสร็จ", "✓", "✔", "☑", "ok");
    private static final Set<String> NOT_DONE = Set.of("no", "n", "false", "0", "nein", "offen", "否", "未完成", "ไม่",
            "ไม่ใช่", "-", "✗", "☐", "open");

    private final Playbook playbook;
    private final LocalDate runDate;
    private final FxRates fxRates;
    private final String reportingCurrency;

    public ChecklistChecker(Playbook playbook, LocalDate runDate, FxRates fxRates, String reportingCurrency) {
        this.playbook = playbook;
        this.runDate = runDate;
        this.fxRates = fxRates;
        this.reportingCurrency = reportingCurrency;
    }

    public CheckResult check(ParsedDeal deal) {
        List<Finding> findings = new ArrayList<>();
        deal.parseNotes().forEach(note -> findings.add(parseFinding(note, deal)));
        Stage claimed = deal.claimedStage();
        if (claimed.outcome() == Outcome.LOST) {
            return new CheckResult(claimed, findings, false);
        }
        Set<String> listed = listedItems(deal);
        Condition.Facts facts = facts(deal);
        if (!claimed.isOpen()) {
            // a closed deal's earlier stages are history; only its own (post-sale) items are its to-do list
            for (ChecklistItem item : claimed.checklist()) {
                if (!item.required() && deal.exports(item.id()) && item.when().test(facts)
                        && !isDone(item, deal, listed)) {
                    findings.add(new Finding(FindingCode.RECOMMENDED_ITEM_MISSING, claimed.id(), item.id(),
                            "recommended: " + item.label()));
                }
            }
            return new CheckResult(claimed, findings, false);
        }
        Stage evidenced = claimed;
        boolean assessed = false;
        for (Stage stage : playbook.stages()) {
            if (stage.order() >= claimed.order()) {
                break;
            }
            if (!stage.isOpen()) {
                continue;
            }
            for (ChecklistItem item : stage.checklist()) {
                if (item.check() == CheckKind.AUTO || !deal.exports(item.id()) || !item.when().test(facts)) {
                    continue; // auto items are decided after ingest; an item the export lacks is not assessed
                }
                assessed |= item.required();
                if (isDone(item, deal, listed)) {
                    continue;
                }
                if (item.required()) {
                    if (evidenced == claimed) {
                        evidenced = stage;
                    }
                    findings.add(new Finding(FindingCode.STAGE_NOT_EVIDENCED, stage.id(), item.id(),
                            "claims " + claimed.id() + " but '" + item.label() + "' of " + stage.id()
                                    + " is not done"));
                } else {
                    findings.add(new Finding(FindingCode.RECOMMENDED_ITEM_MISSING, stage.id(), item.id(),
                            "recommended: " + item.label()));
                }
            }
        }
        return new CheckResult(evidenced, findings, assessed);
    }

    private static Finding parseFinding(ParseNote note, ParsedDeal deal) {
        String stage = deal.claimedStage().id();
        FindingCode code = note.code();
        return switch (code) {
            case AMOUNT_MISSING -> new Finding(code, stage, null, "no amount: counted as zero");
            case CLOSE_DATE_MISSING -> new Finding(code, stage, null,
                    "open deal without close date: period unscheduled");
            case PLACEHOLDER_DATE -> new Finding(code, stage, null,
                    note.column() + " '" + note.value() + "' is a placeholder, not a date: left empty");
            case STATUS_OVERRIDES_STAGE -> new Finding(code, stage, null,
                    note.column() + " wins over the stage '" + note.value() + "': counted as "
                            + deal.claimedStage().name());
            case STATUS_STAGE_CONFLICT -> new Finding(code, stage, null,
                    note.column() + " says open but the stage reads '" + note.value() + "': counted open at "
                            + deal.claimedStage().name() + ", the lowest stage the status supports");
            case STATUS_NOT_READ -> new Finding(code, stage, null,
                    note.column() + " is not a known status (open, won, lost, deleted): the stage decides");
            default -> new Finding(code, Severity.INFO, stage, null, note.column() + ": " + note.value());
        };
    }

    private boolean isDone(ChecklistItem item, ParsedDeal deal, Set<String> listed) {
        if (!listed.isEmpty() && listed.contains(Names.normalize(item.id()))) {
            return true;
        }
        String value = deal.itemValues().get(item.id());
        if (value == null) {
            return false;
        }
        try {
            return itemState(value, runDate).done();
        } catch (IllegalArgumentException e) {
            String expected = item.check() == CheckKind.DATE ? "the date it was done (on or before " + runDate
                    + ") or a yes/no word" : "a yes/no word or the date it was done";
            throw new RowRejectedException(item.id(), value, RejectionReason.BAD_CHECKLIST_VALUE,
                    "expected " + expected);
        }
    }

    /**
     * What a checklist item's cell says, by the rules the checker decides with: a yes-like word is done, a
     * no-like word or a blank is not done, a date is done when it is on or before the run date.
     *
     * @throws IllegalArgumentException when the value is neither a yes/no word nor a date
     */
    public static ItemState itemState(String value, LocalDate runDate) {
        if (value == null || value.isBlank()) {
            return ItemState.NOT_DONE;
        }
        String word = value.strip().toLowerCase(Locale.ROOT);
        if (DONE.contains(word)) {
            return ItemState.DONE;
        }
        if (NOT_DONE.contains(word)) {
            return ItemState.NOT_DONE;
        }
        LocalDate date = DateParser.parse(value);
        return new ItemState(!date.isAfter(runDate), date);
    }

    /** Whether a checklist column's value ({@code id;id} or {@code id,id}) lists the item as done. */
    public static boolean listsItem(String checklist, String itemId) {
        return checklist != null && listedItems(checklist).contains(Names.normalize(itemId));
    }

    /**
     * A checklist cell as read: done or not, and the date it carries (null for a yes/no word); a date after the run
     * date is not done yet.
     */
    public record ItemState(boolean done, LocalDate date) {
        static final ItemState DONE = new ItemState(true, null);
        static final ItemState NOT_DONE = new ItemState(false, null);
    }

    private static Set<String> listedItems(ParsedDeal deal) {
        return deal.checklist() == null ? Set.of() : listedItems(deal.checklist());
    }

    private static Set<String> listedItems(String checklist) {
        Set<String> listed = new HashSet<>();
        for (String part : LIST_SEPARATOR.split(checklist)) {
            if (!part.isBlank()) {
                listed.add(Names.normalize(part));
            }
        }
        return listed;
    }

    private Condition.Facts facts(ParsedDeal deal) {
        return new Condition.Facts() {
            @Override
            public BigDecimal amountInRulesCurrency() {
                if (deal.amount() == null) {
                    return null;
                }
                return fxRates.convert(deal.amountReporting(), reportingCurrency, playbook.rulesCurrency())
                        .orElse(null);
            }

            @Override
            public String field(String name) {
                return switch (Names.normalize(name)) {
                    case "accounttype" -> deal.accountType();
                    case "account" -> deal.account();
                    case "owner" -> deal.owner();
                    case "team" -> deal.team();
                    case "currency" -> deal.currency();
                    case "dealname" -> deal.dealName();
                    case "forecastcategory" -> deal.crmForecastCategory();
                    default -> deal.extraValues().containsKey(Names.normalize(name))
                            ? deal.extraValues().get(Names.normalize(name)) : deal.itemValues().get(name);
                };
            }
        };
    }
}
