package com.pipelineforecast.history;

import java.util.Map;

/** Rows read, deals accepted and rows rejected, in total and per input file. */
public record RunCounts(long read, long accepted, long rejected, Map<String, Long> rowsByFile) {
}
