# A thin wrapper over CMake for the README's two commands.
#   make        install missing packages, build (Release), index corpus/,
#               search it for "drone pelatihan"
#   make test   the same set-up and build, then every test through ctest

BUILD ?= build
JOBS ?= 2
INDEX ?= $(BUILD)/corpus-index
QUERY ?= drone pelatihan

.PHONY: all setup build demo test clean

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
# binaries' tests (cli, golden, install) drive every thread.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	cmake -S . -B $(BUILD)/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCARI_SANITIZE=ON -DCARI_BENCH=OFF
	cmake --build $(BUILD)/asan -j $(JOBS)
	cd $(BUILD)/asan && ctest --output-on-failure -j $(JOBS)
	cmake -S . -B $(BUILD)/tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCARI_SANITIZE=thread -DCARI_BENCH=OFF
	cmake --build $(BUILD)/tsan -j $(JOBS)
	cd $(BUILD)/tsan && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -j $(JOBS) -E '^unit\.'

clean:
	rm -rf $(BUILD)
