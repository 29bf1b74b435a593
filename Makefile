# Helhed: `make demo` and `make test` do all set-up on a machine with Python 3.11, pip and git.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
LANDING ?= landing
WAREHOUSE ?= var/warehouse/helhed.duckdb
RESIDENTS ?= 41000
KOMMUNEKODE ?= 420
FUZZ_EXAMPLES ?= 10000
EVALUATION_SEEDS ?= 20
EVALUATION_RESIDENTS ?= 150000
BENCH_REPEATS ?= 3

.PHONY: demo lint test fuzz chromium serve dev clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

demo: $(INSTALLED)
	@$(BIN)/helhed keygen
	@test -f $(LANDING)/.generated || { \
	  $(BIN)/helhed generate --out $(LANDING) --residents $(RESIDENTS) --seed 1 --kommunekode $(KOMMUNEKODE) --effect demo && \
	  touch $(LANDING)/.generated; }
	$(BIN)/helhed run --landing $(LANDING) --warehouse $(WAREHOUSE)
	@$(BIN)/helhed adduser demo --role manager --keep
	@echo
	@echo "Dashboards:  $(BIN)/helhed serve --warehouse $(WAREHOUSE)   then open http://127.0.0.1:8050 (user demo, password in var/demo-password.txt)"
	@echo "Dagster UI:  $(BIN)/helhed dev   then open http://127.0.0.1:3000"
	@echo "SQL:         $(BIN)/helhed query \"from analytics.program_outcomes where cohort = 'ALL'\"   (or $(BIN)/helhed shell; docs/queries.md)"

# The README's pictures of the dashboards, each page as its role sees it, on the demo's warehouse.
.PHONY: screenshots
screenshots: $(INSTALLED) chromium
	$(BIN)/python docs/screenshots.py --warehouse $(WAREHOUSE)

# The dbt docs as one static page (docs/dbt/index.html), catalogued on a scratch copy of the demo's warehouse (dbt
# opens its database for writing; the published file is never written).
.PHONY: dbt-docs
dbt-docs: $(INSTALLED)
	@mkdir -p var/dbt-docs docs/dbt
	cp $(WAREHOUSE) var/dbt-docs/catalog.duckdb
	HELHED_DUCKDB_PATH=$(CURDIR)/var/dbt-docs/catalog.duckdb $(BIN)/dbt docs generate --static --project-dir dbt \
	  --profiles-dir dbt --target-path $(CURDIR)/var/dbt-docs/target --log-path $(CURDIR)/var/dbt-docs/logs
	cp var/dbt-docs/target/static_index.html docs/dbt/index.html
	@echo "dbt docs: docs/dbt/index.html (one file, opens offline)"

# The manager pages as self-contained HTML and PNG, on the demo's warehouse.
.PHONY: report
report: $(INSTALLED) chromium
	$(BIN)/helhed report --warehouse $(WAREHOUSE) --out var/report

# Browser tests drive Debian's Chromium (Playwright cannot download its own here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# The dbt templater compiles the project, which opens a DuckDB file: give it a scratch one, not the warehouse.
lint: $(INSTALLED)
	$(BIN)/ruff check .
	@mkdir -p var/lint
	HELHED_DUCKDB_PATH=$(CURDIR)/var/lint/sqlfluff.duckdb $(BIN)/sqlfluff lint dbt/models dbt/macros dbt/tests

test: $(INSTALLED) lint chromium
	$(BIN)/pytest

# Code lists copied from the seeds into the contracts, dbt sources and staging models written from the contracts,
# then every contract checked: strict reading, copies up to date, `datacontract lint` without warnings.
.PHONY: contracts
contracts: $(INSTALLED)
	$(BIN)/python -m pipelines.ingest.code_lists --write
	$(BIN)/python -m pipelines.ingest.dbt_schema --write
	$(BIN)/python -m pipelines.data_dictionary --write
	$(BIN)/pytest -q tests/contracts

# The loader against mutated deliveries: FUZZ_EXAMPLES cases (default 10,000; about 20 minutes), the count at the end.
fuzz: $(INSTALLED)
	HELHED_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/ingest/test_fuzz.py -p no:cacheprovider \
	  --hypothesis-profile fuzz --hypothesis-show-statistics

# The saving against the generator's truth over many seeds of a 150,000-resident municipality, effect zero and
# set; about 70 minutes on 2 cores (bench/evaluation.py --oracle adds the diagnosis with the oracle pool).
.PHONY: bench-evaluation
bench-evaluation: $(INSTALLED)
	$(BIN)/python bench/evaluation.py --seeds $(EVALUATION_SEEDS) --residents $(EVALUATION_RESIDENTS)

# The nightly job timed stage by stage at Odense size and for the whole country (a national landing takes about
# 5 minutes to generate on 2 cores and each run about 30: hours in all); bench-quick at Assens size in a few minutes.
# Figures in bench/results/bench.md and bench-quick.md.
.PHONY: bench bench-quick bench-generator
bench: $(INSTALLED)
	$(BIN)/python bench/nightly.py --national --repeats $(BENCH_REPEATS)

bench-quick: $(INSTALLED)
	$(BIN)/python bench/nightly.py --quick --repeats $(BENCH_REPEATS)

# The generator at Odense size on one core and on every core (the same bytes), and the whole country: about 8 minutes.
bench-generator: $(INSTALLED)
	$(BIN)/python bench/generate_bench.py --national

serve: $(INSTALLED)
	$(BIN)/helhed serve --warehouse $(WAREHOUSE)

dev: $(INSTALLED)
	$(BIN)/helhed dev

clean:
	rm -rf $(LANDING) var
