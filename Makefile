# Makefile - the short commands; CMake does the building.
#
#   make run     install what is missing, build, run the chess exhibition
#   make test    the same with the test packages, then every test (ctest)
#   make build   configure and build in build/
#   make asan    build in build-asan/ with ASan+UBSan and run every test
#   make bench   build, then print simul against the reference (bench/bench_table)
#   make golden  build, then rewrite every file in tests/golden/ from what simul prints now
#   make format  clang-format every C file of ours
#   make clean   remove the build directories this file and .ci/run make

BUILD      ?= build
ASAN_BUILD ?= build-asan
CMAKE_ARGS ?=
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CTEST_ARGS ?= --output-on-failure
BENCH_ARGS ?=

# Our sources only: never the build trees or generated files.
C_SOURCES = $(shell find sim report sweep plot app render tests bench -name '*.[ch]' -not -path '*/build*' 2>/dev/null)

.PHONY: all run test build asan bench golden format clean deps deps-test configure

all: build

deps:
	bash scripts/install-deps.sh

deps-test:
	bash scripts/install-deps.sh --test

configure:
	cmake -S . -B $(BUILD) $(CMAKE_ARGS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

run: deps
	$(MAKE) build
	./$(BUILD)/app/simul

# SIMUL_TESTS=ON: a build configured by `make run` before cmocka was there
# gets its tests now.
test: deps-test
	$(MAKE) build CMAKE_ARGS="$(CMAKE_ARGS) -DSIMUL_TESTS=ON"
	cd $(BUILD) && ctest $(CTEST_ARGS)

# A build type with assertions and frame pointers, so a report points at the line.
asan: deps-test
	cmake -S . -B $(ASAN_BUILD) -DSIMUL_SANITIZE=ON -DSIMUL_TESTS=ON -DCMAKE_BUILD_TYPE=Debug $(CMAKE_ARGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest $(CTEST_ARGS)

bench: deps
	$(MAKE) build CMAKE_ARGS="$(CMAKE_ARGS) -DSIMUL_BENCH=ON"
	./$(BUILD)/bench/bench_table $(BENCH_ARGS)

# On purpose only: review `git diff tests/golden` before committing. The
# window cases are left alone when $(BUILD) was configured without the window.
golden: build
	@set -e; window=$$(sed -n 's/^SIMUL_WINDOW:BOOL=//p' $(BUILD)/CMakeCache.txt); \
	case "$$window" in OFF|0|FALSE|NO|off|false|no) window=OFF ;; *) window=ON ;; esac; \
	SIMUL_GOLDEN_WINDOW=$$window bash tests/golden/golden.sh $(BUILD)/app/simul all update

format:
	clang-format -i $(C_SOURCES)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-nowindow build-notests build-fuzz
