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
	$(BUILD)/bin/indexer -d $(INDEX) corpus
	$(BUILD)/bin/searcher -d $(INDEX) -n 5 $(QUERY)

# The tests run twice: on the Release build, then on a build with
# AddressSanitizer and UndefinedBehaviorSanitizer, which must stay clean.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	cmake -S . -B $(BUILD)/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCARI_SANITIZE=ON -DCARI_BENCH=OFF
	cmake --build $(BUILD)/asan -j $(JOBS)
	cd $(BUILD)/asan && ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD)
