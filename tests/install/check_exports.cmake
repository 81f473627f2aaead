# Checks what a shared libcari exports (cmake -P):
#   -DLIB=libcari.so -DHEADER=include/cari.h -DNM=nm [-DOBJDUMP=objdump]
#   [-DSONAME=libcari.so.0]
# Fails when the library exports a symbol outside the cari_ prefix (a
# static dependency or C++ code leaking through), a cari_ symbol that
# include/cari.h does not declare, or misses a function the header declares
# with CARI_API; with SONAME, when the library's SONAME differs.
cmake_minimum_required(VERSION 3.18)

foreach(v LIB HEADER NM)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "check_exports: -D${v}=... is required")
  endif()
endforeach()
if(NOT EXISTS "${LIB}")
  message(FATAL_ERROR "check_exports: ${LIB} not found")
endif()

execute_process(COMMAND "${NM}" -D --defined-only "${LIB}"
  OUTPUT_VARIABLE nm_out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_exports: ${NM} -D failed on ${LIB}")
endif()
string(REPLACE "\n" ";" nm_lines "${nm_out}")
set(exported "")
set(foreign "")
foreach(line IN LISTS nm_lines)
  # "0000000000012340 T name" (value, type, name; version suffix dropped)
  if(line MATCHES "^[0-9a-fA-F]* *[A-Za-z] ([^ @]+)")
    set(sym "${CMAKE_MATCH_1}")
    if(sym MATCHES "^cari_")
      list(APPEND exported "${sym}")
    else()
      list(APPEND foreign "${sym}")
    endif()
  endif()
endforeach()

# The functions cari.h declares: the name before "(" in each CARI_API
# declaration (which may put the name on a line of its own).
file(READ "${HEADER}" header)
string(REGEX MATCHALL "CARI_API[^;(]*[ *\n]cari_[a-z0-9_]+[ ]*\\(" decls "${header}")
set(declared "")
foreach(d IN LISTS decls)
  string(REGEX MATCH "cari_[a-z0-9_]+[ ]*\\($" name "${d}")
  string(REGEX REPLACE "[ ]*\\($" "" name "${name}")
  list(APPEND declared "${name}")
endforeach()

set(problems "")
list(LENGTH foreign n_foreign)
if(n_foreign GREATER 0)
  list(JOIN foreign " " f)
  string(APPEND problems "\n  exports symbols outside cari_ (${n_foreign}): ${f}")
endif()
foreach(sym IN LISTS exported)
  if(NOT sym IN_LIST declared)
    string(APPEND problems "\n  exports ${sym}, which include/cari.h does not declare")
  endif()
endforeach()
foreach(sym IN LISTS declared)
  if(NOT sym IN_LIST exported)
    string(APPEND problems "\n  does not export ${sym}, declared in include/cari.h")
  endif()
endforeach()

if(DEFINED SONAME AND DEFINED OBJDUMP)
  execute_process(COMMAND "${OBJDUMP}" -p "${LIB}" OUTPUT_VARIABLE dump)
  if(NOT dump MATCHES "SONAME +${SONAME}\n")
    string(APPEND problems "\n  has no SONAME ${SONAME}")
  endif()
endif()

list(LENGTH exported n_exported)
list(LENGTH declared n_declared)
if(problems)
  message(FATAL_ERROR "check_exports: ${LIB}:${problems}")
endif()
message(STATUS "${LIB}: exports exactly the ${n_exported} functions cari.h declares")
