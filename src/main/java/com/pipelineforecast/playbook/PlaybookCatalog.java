package com.pipelineforecast.playbook;

/** Prints the built-in playbooks: stages in order with probability, forecast category and checklist size. */
public final class PlaybookCatalog {

    private PlaybookCatalog() {
    }

    public static String describe() {
        PlaybookLoader loader = new PlaybookLoader();
        StringBuilder text = new StringBuilder();
        for (String id : PlaybookLoader.BUILT_IN) {
            Playbook playbook = loader.load(id);
            text.append(String.format("%s — %s%s%n", playbook.id(), playbook.name(),
                    id.equals(PlaybookLoader.DEFAULT_ID) ? " (default)" : ""));
            text.append(String.format("  %-22s %-26s %11s  %-9s  %s%n", "stage", "name", "probability", "category",
                    "checklist"));
            for (Stage stage : playbook.stages()) {
                long required = stage.checklist().stream().filter(ChecklistItem::required).count();
                String kind = stage.lead() ? "  lead" : stage.outcome() == Outcome.WON ? "  won"
                        : stage.outcome() == Outcome.LOST ? "  lost" : "";
                text.append(String.format("  %-22s %-26s %10.0f%%  %-9s  %d required, %d recommended%s%n",
                        stage.id(), stage.name(), stage.probability().movePointRight(2), stage.category().id(),
                        required, stage.checklist().size() - required, kind));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
