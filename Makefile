# PollCompare: every target runs scripts/bootstrap first, which installs what the system lacks.
SWIFT ?= swift
RELEASE_BIN = .build/release/pollcmp

.PHONY: report test build bench notebooks man bootstrap docs format lint

bootstrap:
	@./scripts/bootstrap

## report: release build, then the main job: the 2024 Teamsters member polls report
report: bootstrap
	@SWIFT=$(SWIFT) scripts/build-release pollcmp 1>&2
	@$(RELEASE_BIN) report datasets/teamsters-2024.csv --a DEM --b REP --group-by population --pairs all

## test: the lint (as `make lint`), the documentation (as `make docs`, warnings as errors), the
## notebooks' drift check, then the whole test suite (unit and end-to-end)
test: bootstrap
	@$(MAKE) --no-print-directory lint
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory docs
	.build/debug/notebook-export --check --pollcmp .build/debug/pollcmp
	$(SWIFT) test --skip-build

## build: release build of pollcmp (on Linux with the Swift runtime linked in: see scripts/build-release)
build: bootstrap
	SWIFT=$(SWIFT) scripts/build-release pollcmp

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

## fuzz: libFuzzer with AddressSanitizer on the CSV parser and the poll-file and weights readers
## (each input also checks that chunked parsing equals whole parsing). FUZZ_RUNS executions
## (default 100000); seeds in Fuzz/corpus, inputs found go to .build/fuzz/corpus, crashes to
## .build/fuzz/crash-*. The readers need no BLAS: their sources are compiled on their own.
.PHONY: fuzz
SWIFTC ?= swiftc
FUZZ_RUNS ?= 100000
FUZZ_SOURCES = Fuzz/FuzzReaders.swift Fuzz/FuzzSupport.swift $(wildcard Sources/PollCompare/Tables/*.swift) \
	$(wildcard Sources/PollCompare/Selection/*.swift) \
	$(filter-out %/Alternative.swift %/ConfidenceLevel.swift,$(wildcard Sources/PollCompare/Core/*.swift)) \
	Sources/PollCompare/Reports/NumberText.swift Sources/PollCompare/Reports/ReportTable.swift \
	Sources/PollCompare/Design/SampleType.swift Sources/PollCompare/Design/IntervalBasis.swift
fuzz: bootstrap
	@mkdir -p .build/fuzz/corpus
	$(SWIFTC) -parse-as-library -sanitize=fuzzer,address -O -g -module-name PollCompare -package-name PollCompare \
		$(FUZZ_SOURCES) -o .build/fuzz/fuzz-readers
	.build/fuzz/fuzz-readers -runs=$(FUZZ_RUNS) -artifact_prefix=.build/fuzz/ .build/fuzz/corpus Fuzz/corpus

## docs: the DocC documentation of PollCompare and PollNumerics (swift-docc-plugin), warnings as
## errors, into .build/docs/<target>/ (open index.html through a web server, or use
## `swift package --disable-sandbox preview-documentation --target PollCompare` on macOS).
## make test checks the symbol links in seconds (Tests/DocumentationTests); this is the full build.
DOCS_OUTPUT ?= .build/docs
docs: bootstrap
	@mkdir -p $(DOCS_OUTPUT)
	@for target in PollCompare PollNumerics; do \
		$(SWIFT) package --allow-writing-to-directory $(DOCS_OUTPUT) generate-documentation \
			--target $$target --warnings-as-errors --output-path $(DOCS_OUTPUT)/$$target \
			--transform-for-static-hosting --hosting-base-path $$target || exit 1; \
	done
	@echo "documentation: $(DOCS_OUTPUT)/PollCompare, $(DOCS_OUTPUT)/PollNumerics"

## format: rewrite the Swift sources in the style of .swift-format (swift format ships with the
## toolchain); lint: report what format would change, and exit non-zero if anything. The
## generated reference tables (*References.swift, written by scripts/references) are left as
## their scripts write them.
FORMAT_FILES = Package.swift $(shell find Sources Tests Benchmarks Fuzz Examples -name '*.swift' ! -name '*References.swift' | sort)
format:
	$(SWIFT) format --in-place --parallel $(FORMAT_FILES)
lint:
	$(SWIFT) format lint --strict --parallel $(FORMAT_FILES)
