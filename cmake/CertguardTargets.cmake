# Helpers that give every certguard target the same flags, and let each folder be a
# library whose sources are the .cpp files in it (so adding a file is one step).

set(CG_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Werror)

if(CG_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# LLVM's linker (Debian package lld, installed by scripts/setup) links the ASan test binaries
# about four times faster than GNU ld; GNU ld remains the fallback where lld is missing.
include(CheckLinkerFlag)
check_linker_flag(CXX -fuse-ld=lld CG_HAVE_LLD)
if(CG_HAVE_LLD)
  add_link_options(-fuse-ld=lld)
endif()

if(CG_UNITY)
  set(CMAKE_UNITY_BUILD ON)
  set(CMAKE_UNITY_BUILD_BATCH_SIZE 12)
  # A batch includes the .cpp files, so g++ sees their anonymous-namespace types (coroutine
  # frames among them) as used "in a header": a false positive inside one translation unit.
  add_compile_options($<$<CXX_COMPILER_ID:GNU>:-Wno-subobject-linkage>)
endif()

if(CG_CLANG_TIDY)
  find_program(CG_CLANG_TIDY_EXE NAMES clang-tidy-14 clang-tidy REQUIRED)
endif()

# cg_target_setup(target [NO_TIDY]): our warnings, and clang-tidy when CG_CLANG_TIDY is on.
# Tests skip clang-tidy (NO_TIDY): it guards the product code, and GoogleTest's macros
# trip most of its checks; tests still build with every warning as an error.
function(cg_target_setup target)
  cmake_parse_arguments(ARG "NO_TIDY" "" "" ${ARGN})
  target_compile_options(${target} PRIVATE ${CG_WARNINGS})
  if(CG_CLANG_TIDY AND NOT ARG_NO_TIDY)
    # clang-tidy parses g++'s command line: ignore the g++-only warning flags in it.
    set_target_properties(${target} PROPERTIES CXX_CLANG_TIDY
      "${CG_CLANG_TIDY_EXE};--extra-arg=-Wno-unknown-warning-option")
  endif()
endfunction()

# Every test reuses one precompiled header of the heavy common includes (GoogleTest,
# GoogleMock, nlohmann-json, fmt): test files are a third of the tree's compile time.
function(cg_test_pch_target)
  if(TARGET cg_test_pch)
    return()
  endif()
  file(WRITE ${CMAKE_BINARY_DIR}/cg_test_pch.cpp "// anchor for the tests' precompiled header\n")
  add_library(cg_test_pch STATIC ${CMAKE_BINARY_DIR}/cg_test_pch.cpp)
  target_link_libraries(cg_test_pch PUBLIC GTest::gtest GTest::gmock nlohmann_json::nlohmann_json fmt::fmt)
  target_compile_definitions(cg_test_pch PRIVATE
    CG_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    CG_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared"
    CG_BIN_DIR="${CMAKE_BINARY_DIR}/bin")
  target_compile_options(cg_test_pch PRIVATE ${CG_WARNINGS})
  target_precompile_headers(cg_test_pch PRIVATE
    <gtest/gtest.h> <gmock/gmock.h> <nlohmann/json.hpp> <fmt/format.h>
    <string> <vector> <map> <memory> <optional> <functional> <chrono>)
endfunction()

# cg_library(NAME DIR <dir> [DEPS <targets...>])
# A static library made of DIR/*.cpp; an INTERFACE library while DIR has no .cpp yet.
function(cg_library name)
  cmake_parse_arguments(ARG "" "DIR" "DEPS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${ARG_DIR}/*.cpp)
  if(srcs)
    add_library(${name} STATIC ${srcs})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${name} PUBLIC ${ARG_DEPS})
    cg_target_setup(${name})
  else()
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${name} INTERFACE ${ARG_DEPS})
  endif()
endfunction()

# Every test runs with IMDS disabled AND pointed at a closed port on 127.0.0.1, and without
# the container-credential variables, so no code path (ours, botocore's, awscli's) can
# reach 169.254.169.254 or 169.254.170.2 even if a test forgets its own environment.
set(CG_TEST_ENVIRONMENT
  "AWS_EC2_METADATA_DISABLED=set:true"
  "AWS_EC2_METADATA_SERVICE_ENDPOINT=set:http://127.0.0.1:9"
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=unset:"
  "AWS_CONTAINER_CREDENTIALS_FULL_URI=unset:")

function(cg_test_environment test)
  set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT_MODIFICATION ${CG_TEST_ENVIRONMENT})
endfunction()

# cg_test(NAME SOURCES <files...> DEPS <targets...> [LABELS <labels...>] [TIMEOUT <s>])
# A GoogleTest executable registered with CTest. Tests run with the test's own
# source folder as working directory so fixtures can be found relative to it.
function(cg_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main GTest::gmock
    nlohmann_json::nlohmann_json fmt::fmt)
  target_compile_definitions(${name} PRIVATE
    CG_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    CG_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared"
    CG_BIN_DIR="${CMAKE_BINARY_DIR}/bin")
  cg_target_setup(${name} NO_TIDY)
  cg_test_pch_target()
  target_precompile_headers(${name} REUSE_FROM cg_test_pch)
  add_test(NAME ${name} COMMAND ${name} WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS "${ARG_LABELS}")
  cg_test_environment(${name})
endfunction()

# Adds every immediate subfolder of the current folder that has a CMakeLists.txt.
function(cg_add_subdirectories)
  file(GLOB children RELATIVE ${CMAKE_CURRENT_SOURCE_DIR} CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT children)
  foreach(child ${children})
    if(IS_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/${child} AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${child}/CMakeLists.txt)
      add_subdirectory(${child})
    endif()
  endforeach()
endfunction()
