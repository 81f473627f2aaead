# A thin wrapper over CMake for the README's two commands.
#   make        install missing packages, build (Release), index corpus/,
#               search it for "drone pelatihan"
#   make test   the same set-up and build, then every test through ctest

BUILD ?= build
JOBS ?= 2
INDEX ?= $(BUILD)/corpus-index
QUERY ?= drone pelatihan

.PHONY: all setup build demo test test-passes clean

all: demo

setup:
	@sh scripts/setup.sh

build: setup
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	rm -rf $(INDEX)
	$(BUILD)/bin/cari-indexer -d $(INDEX) corpus
	$(BUILD)/bin/cari-searcher -d $(INDEX) -n 5 $(QUERY)

# The tests run three times: on the Release build, then on a build with
# AddressSanitizer and UndefinedBehaviorSanitizer, then on one with
# ThreadSanitizer (build workers, the JSON Lines reader, --batch threads),
# which must stay clean.  Criterion's runner does not start under
# ThreadSanitizer, so that pass leaves out the unit tests; the real
# binaries' tests (cli, golden, install) drive every thread.  Every pass
# runs even when an earlier one fails; the end names each pass that
# failed and its failed tests, and the exit status is non-zero if any did.
CMAKE ?= cmake
CTEST ?= ctest
SANITIZED = -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCARI_BENCH=OFF

test: build
	@$(MAKE) --no-print-directory test-passes

test-passes:
	@failed=""; \
	for d in $(BUILD) $(BUILD)/asan $(BUILD)/tsan; do \
	  rm -f $$d/Testing/Temporary/LastTestsFailed.log; done; \
	( cd $(BUILD) && $(CTEST) --output-on-failure -j $(JOBS) ) || \
	  failed="$$failed release:$(BUILD)"; \
	{ $(CMAKE) -S . -B $(BUILD)/asan $(SANITIZED) -DCARI_SANITIZE=ON && \
	  $(CMAKE) --build $(BUILD)/asan -j $(JOBS) && \
	  ( cd $(BUILD)/asan && $(CTEST) --output-on-failure -j $(JOBS) ); } || \
	  failed="$$failed asan+ubsan:$(BUILD)/asan"; \
	{ $(CMAKE) -S . -B $(BUILD)/tsan $(SANITIZED) -DCARI_SANITIZE=thread && \
	  $(CMAKE) --build $(BUILD)/tsan -j $(JOBS) && \
	  ( cd $(BUILD)/tsan && TSAN_OPTIONS="halt_on_error=1 suppressions=$(CURDIR)/tests/tsan.supp" \
	    $(CTEST) --output-on-failure -j $(JOBS) -E '^unit\.' ); } || \
	  failed="$$failed tsan:$(BUILD)/tsan"; \
	[ -z "$$failed" ] && { echo "make test: all three passes passed"; exit 0; }; \
	for f in $$failed; do \
	  log=$${f#*:}/Testing/Temporary/LastTestsFailed.log; \
	  echo "make test: the $${f%%:*} pass failed$$( [ -s "$$log" ] && \
	    printf ': %s' "$$(cut -d: -f2 "$$log" | tr '\n' ' ')")" >&2; \
	done; \
	exit 1

clean:
	rm -rf $(BUILD)
