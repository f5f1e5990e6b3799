-- Deal history of every run: the HSQLDB schema (db/postgresql/schema.sql is the same for PostgreSQL). Tables are
-- CACHED (rows on disk, not in the heap); short texts are VARCHAR(32768), the export rows VARCHAR(16777216) and
-- the stored analysis a CLOB (it grows with owners and teams: 20,000 owners passed 16 MB).
CREATE CACHED TABLE IF NOT EXISTS forecast_run (
    run_id BIGINT NOT NULL PRIMARY KEY,
    run_date DATE NOT NULL,
    run_seq INTEGER NOT NULL,
    playbook VARCHAR(200) NOT NULL,
    reporting_currency CHAR(3) NOT NULL,
    status VARCHAR(20) NOT NULL,
    started_at TIMESTAMP NOT NULL,
    completed_at TIMESTAMP,
    -- when --keep-runs removed the run's per-deal rows (null while they are kept)
    deals_removed_at TIMESTAMP
);

-- The accepted deals of runs ingested by earlier versions, a row each: read once to make such a run's state file
-- (data/state/run-<id>.states), where each night's deals are now kept, and deleted by --keep-runs. New runs write
-- no rows here.
CREATE CACHED TABLE IF NOT EXISTS deal_snapshot (
    run_id BIGINT NOT NULL,
    file_name VARCHAR(1000) NOT NULL,
    line_no INTEGER NOT NULL,
    deal_id VARCHAR(32768) NOT NULL,
    deal_name VARCHAR(32768),
    account VARCHAR(32768),
    owner_name VARCHAR(32768),
    team VARCHAR(32768),
    account_type VARCHAR(32768),
    claimed_stage VARCHAR(200) NOT NULL,
    claimed_order INTEGER NOT NULL,
    evidenced_stage VARCHAR(200) NOT NULL,
    evidenced_order INTEGER NOT NULL,
    dup_key VARCHAR(32768),
    category VARCHAR(20) NOT NULL,
    is_open BOOLEAN NOT NULL,
    is_won BOOLEAN NOT NULL,
    is_lead BOOLEAN NOT NULL,
    amount DECIMAL(28,6),
    currency CHAR(3) NOT NULL,
    amount_reporting DECIMAL(21,2) NOT NULL,
    close_date DATE,
    close_quarter INTEGER,
    created_date DATE,
    stage_entered_date DATE,
    stage_since DATE,
    stages_seen BIGINT NOT NULL,
    closed_since DATE,
    crm_probability DECIMAL(9,6),
    crm_forecast_category VARCHAR(32768),
    probability DECIMAL(9,6) NOT NULL,
    evidenced_probability DECIMAL(9,6) NOT NULL,
    weighted_reported DECIMAL(21,2) NOT NULL,
    weighted_adjusted DECIMAL(21,2) NOT NULL,
    finding_count INTEGER NOT NULL,
    -- the export's other columns, separated by U+001F in the order of export_columns.headers
    export_values VARCHAR(16777216),
    -- the stage as exported (first 200 characters), for the run's record of the stage mapping used
    stage_value VARCHAR(200),
    -- whether the export carries a checklist item that could lower this deal's stage
    checklist_assessed BOOLEAN,
    -- the checklist items the deal's evidence misses ("stage U+001F item", joined by U+001E), for the actions list;
    -- the deal's findings themselves are in the run's work folder (DealRecords), as findings.csv lists them
    missing_items VARCHAR(32768),
    PRIMARY KEY (run_id, file_name, line_no)
);

-- no index by deal id or duplicate key: nothing reads these rows but the one pass that turns a run of an earlier
-- version into a state file, by run

-- Per run and file, the headers of the export's columns beyond the canonical ones, separated by U+001F.
CREATE CACHED TABLE IF NOT EXISTS export_columns (
    run_id BIGINT NOT NULL,
    file_name VARCHAR(1000) NOT NULL,
    headers VARCHAR(16777216) NOT NULL,
    PRIMARY KEY (run_id, file_name)
);

CREATE CACHED TABLE IF NOT EXISTS deal_finding (
    run_id BIGINT NOT NULL,
    file_name VARCHAR(1000) NOT NULL,
    line_no INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    deal_id VARCHAR(32768) NOT NULL,
    code VARCHAR(100) NOT NULL,
    severity VARCHAR(10) NOT NULL,
    stage VARCHAR(200),
    item VARCHAR(200),
    message VARCHAR(32768) NOT NULL,
    PRIMARY KEY (run_id, file_name, line_no, seq)
);

-- Deals of a run that share account and deal name with another id, in this run or the previous one.
CREATE CACHED TABLE IF NOT EXISTS deal_duplicate (
    run_id BIGINT NOT NULL,
    file_name VARCHAR(1000) NOT NULL,
    line_no INTEGER NOT NULL,
    other_run_id BIGINT NOT NULL,
    other_deal_id VARCHAR(32768) NOT NULL,
    PRIMARY KEY (run_id, file_name, line_no, other_run_id)
);

-- Deals of a run whose evidenced stage the duplicate check lowered after ingest, as it lowered them: the reports
-- read a run's deals from its work folder and merge these, with the findings the check added (seq 1000 on).
CREATE CACHED TABLE IF NOT EXISTS revised_deal (
    run_id BIGINT NOT NULL,
    file_name VARCHAR(1000) NOT NULL,
    line_no INTEGER NOT NULL,
    evidenced_stage VARCHAR(200),
    evidenced_order INTEGER,
    evidenced_probability DECIMAL(9,6),
    weighted_adjusted DECIMAL(21,2),
    PRIMARY KEY (run_id, file_name, line_no)
);

CREATE CACHED TABLE IF NOT EXISTS rejected_row (
    run_id BIGINT NOT NULL,
    file_name VARCHAR(1000) NOT NULL,
    line_no INTEGER NOT NULL,
    column_name VARCHAR(32768),
    raw_value VARCHAR(32768),
    reason VARCHAR(32768) NOT NULL,
    PRIMARY KEY (run_id, file_name, line_no)
);

-- Title and footer lines of the exports: recorded, neither deals nor rejected rows.
CREATE CACHED TABLE IF NOT EXISTS skipped_line (
    run_id BIGINT NOT NULL,
    file_name VARCHAR(1000) NOT NULL,
    line_no INTEGER NOT NULL,
    reason VARCHAR(50) NOT NULL,
    content VARCHAR(32768),
    PRIMARY KEY (run_id, file_name, line_no)
);

-- The run's aggregates beyond the stage table (periods, owners, categories, movement, calibration, quotas),
-- computed once by the aggregate step for the renderers and run.json.
CREATE CACHED TABLE IF NOT EXISTS forecast_analysis (
    run_id BIGINT NOT NULL PRIMARY KEY,
    content CLOB NOT NULL
);

-- Per run, the deals that closed that night by the open stages they had been seen at: the history behind the
-- win-rate calibration, a few rows per run.
CREATE CACHED TABLE IF NOT EXISTS run_stage_outcome (
    run_id BIGINT NOT NULL,
    stage_id VARCHAR(200) NOT NULL,
    deals BIGINT NOT NULL,
    won BIGINT NOT NULL,
    PRIMARY KEY (run_id, stage_id)
);

CREATE CACHED TABLE IF NOT EXISTS forecast_stage_total (
    run_id BIGINT NOT NULL,
    stage_id VARCHAR(200) NOT NULL,
    stage_order INTEGER NOT NULL,
    deals BIGINT NOT NULL,
    amount DECIMAL(21,2) NOT NULL,
    weighted_reported DECIMAL(21,2) NOT NULL,
    weighted_adjusted DECIMAL(21,2) NOT NULL,
    PRIMARY KEY (run_id, stage_id)
);

-- Per run, every mail delivery of its reports: one row per kind (managers, finance, team:<team> for the forecast
-- of one team's deals) and recipient, written
-- before the mail is handed to the SMTP server (SENDING) and updated after (SENT, FAILED), so that a restarted
-- or repeated start sends nothing twice. Owned by MailDeliveries.
CREATE CACHED TABLE IF NOT EXISTS mail_delivery (
    run_id BIGINT NOT NULL,
    kind VARCHAR(220) NOT NULL,
    recipient VARCHAR(320) NOT NULL,
    status VARCHAR(10) NOT NULL,
    attempts INTEGER NOT NULL,
    detail VARCHAR(32768),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, kind, recipient)
);

-- Per run, the forecast call of the previous, the current and the next fiscal quarter (deals by close date):
-- three rows a night, kept forever, the history behind the forecast trend and its accuracy.
CREATE CACHED TABLE IF NOT EXISTS forecast_call (
    run_id BIGINT NOT NULL,
    quarter VARCHAR(20) NOT NULL,
    closed_won DECIMAL(21,2) NOT NULL,
    commit_amount DECIMAL(21,2) NOT NULL,
    best_case DECIMAL(21,2) NOT NULL,
    pipeline DECIMAL(21,2) NOT NULL,
    weighted_reported DECIMAL(21,2) NOT NULL,
    weighted_adjusted DECIMAL(21,2) NOT NULL,
    quota DECIMAL(21,2),
    PRIMARY KEY (run_id, quarter)
);
