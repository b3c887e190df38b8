# PollCompare: every target runs scripts/bootstrap first, which installs what the system lacks.
SWIFT ?= swift
RELEASE_BIN = .build/release/pollcmp

.PHONY: report test build bench notebooks man bootstrap

bootstrap:
	@./scripts/bootstrap

## report: release build, then the main job: the 2024 Teamsters member polls report
report: bootstrap
	@$(SWIFT) build -c release --product pollcmp 1>&2
	@$(RELEASE_BIN) report datasets/teamsters-2024.csv --a DEM --b REP --group-by population --pairs all

## test: the notebooks' drift check, then the whole test suite (unit and end-to-end)
test: bootstrap
	$(SWIFT) build --build-tests
	.build/debug/notebook-export --check --pollcmp .build/debug/pollcmp
	$(SWIFT) test --skip-build

## build: release build of pollcmp
build: bootstrap
	$(SWIFT) build -c release --product pollcmp

## notebooks: re-run notebooks/*.md and write notebooks-exported/ (outputs and SVG charts)
notebooks: bootstrap
	$(SWIFT) build --product pollcmp
	$(SWIFT) build --product notebook-export
	.build/debug/notebook-export --pollcmp .build/debug/pollcmp

## bench: start-up and batch timings side by side with the Python and R peers
bench: bootstrap
	Benchmarks/run

## man: the manual page, generated from the same help text (swift-argument-parser's plugin)
man: bootstrap
	$(SWIFT) package generate-manual
	@echo "man page: .build/plugins/GenerateManual/outputs/pollcmp/pollcmp.1"
