#!/usr/bin/env python3
"""The stage-weighted forecast as an analyst would script it with pandas and openpyxl, for comparison with the job.

Reads a deal export (the benchmark's synthetic CSV), parses the amounts, converts them to USD with fx-rates.csv,
weighs each deal by its stage's probability in the default playbook (src/main/resources/playbooks/six-stage.yml),
and writes a workbook with a Deals sheet (every deal row) and summary sheets by stage, owner, quarter and team.

    python3 src/test/python/pandas_forecast.py input/synthetic-deals.csv input/fx-rates.csv forecast.xlsx

Needs pandas and openpyxl (Debian: apt-get install python3-pandas python3-openpyxl).
"""
import sys
import time

import pandas as pd

# six-stage.yml: stage id -> probability; the names and aliases of a stage map to its id
PROBABILITY = {"lead": 0.0, "prospect": 0.10, "qualified": 0.20, "discovery": 0.40, "developed": 0.60,
               "proposed": 0.80, "closed_won": 1.0, "closed_lost": 0.0}
ALIASES = {
    "lead": ["lead", "leads", "lead in", "new lead"],
    "prospect": ["prospect", "prospecting"],
    "qualified": ["qualified", "qualification", "qualify"],
    "discovery": ["discovery", "needs analysis"],
    "developed": ["developed", "development", "develop", "value proposition"],
    "proposed": ["proposed", "proposal", "proposal/price quote", "propose", "negotiation", "negotiation/review"],
    "closed_won": ["closed won", "won"],
    "closed_lost": ["closed lost", "lost"],
}
STAGE_OF = {alias: stage for stage, names in ALIASES.items() for alias in names}
STAGE_ORDER = list(PROBABILITY)


def main(export, fx_file, out):
    started = time.monotonic()
    deals = pd.read_csv(export, dtype=str, keep_default_na=False, encoding="utf-8")
    read = len(deals)
    fx = pd.read_csv(fx_file, dtype={"currency": str, "rate": float})
    rates = dict(zip(fx["currency"].str.upper(), fx["rate"]))
    rates.setdefault("USD", 1.0)

    deals["amount_value"] = pd.to_numeric(deals["amount"].str.replace(",", "", regex=False), errors="coerce")
    deals["stage_id"] = deals["stage"].str.strip().str.lower().map(STAGE_OF)
    deals["rate"] = deals["currency"].str.upper().map(rates)
    deals["close"] = pd.to_datetime(deals["close_date"], format="%Y-%m-%d", errors="coerce")
    bad = (deals["deal_id"] == "") | deals["amount_value"].isna() | deals["stage_id"].isna() \
        | deals["rate"].isna() | deals["close"].isna()
    rejected = deals[bad]
    deals = deals[~bad].copy()

    deals["amount_usd"] = (deals["amount_value"] * deals["rate"]).round(2)
    deals["probability_playbook"] = deals["stage_id"].map(PROBABILITY)
    deals["weighted_usd"] = (deals["amount_usd"] * deals["probability_playbook"]).round(2)
    deals["quarter"] = deals["close"].dt.to_period("Q").astype(str)
    deals["stage_id"] = pd.Categorical(deals["stage_id"], categories=STAGE_ORDER, ordered=True)

    def summary(by):
        return (deals.groupby(by, observed=True)
                .agg(deals=("deal_id", "size"), amount_usd=("amount_usd", "sum"),
                     weighted_usd=("weighted_usd", "sum"))
                .round(2).reset_index())

    by_stage = summary("stage_id")
    by_owner = summary("owner").sort_values("weighted_usd", ascending=False)
    by_quarter = summary("quarter")
    by_team = summary("team").sort_values("weighted_usd", ascending=False)
    computed = time.monotonic()

    columns = ["deal_id", "deal_name", "account", "owner", "team", "stage", "stage_id", "amount", "currency",
               "amount_usd", "probability_playbook", "weighted_usd", "close_date", "quarter"]
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        deals[columns].to_excel(writer, sheet_name="Deals", index=False)
        by_stage.to_excel(writer, sheet_name="By stage", index=False)
        by_owner.to_excel(writer, sheet_name="By owner", index=False)
        by_quarter.to_excel(writer, sheet_name="By quarter", index=False)
        by_team.to_excel(writer, sheet_name="By team", index=False)
        rejected.drop(columns=["amount_value", "stage_id", "rate", "close"]).to_excel(
            writer, sheet_name="Rejected", index=False)
    finished = time.monotonic()
    print(f"rows read {read:,} · deals {len(deals):,} · rejected {len(rejected):,}")
    print(f"weighted total USD {deals['weighted_usd'].sum():,.2f}")
    print(f"read and compute {computed - started:.1f} s · write xlsx {finished - computed:.1f} s")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
