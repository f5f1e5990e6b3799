package com.pipelineforecast.history;

import java.util.Map;

/**
 * Rows read, deals accepted and rows rejected (read = accepted + rejected), title and footer lines skipped, and
 * per input file its rows and skipped lines.
 */
public record RunCounts(long read, long accepted, long rejected, long skipped, Map<String, Long> rowsByFile,
        Map<String, Long> skippedByFile) {
}
