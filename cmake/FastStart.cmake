# A faster process start for the programs (issue 19).  Measured on a
# one-query `cari-searcher` process (bench/README.md, "Where a process
# start goes"): each shared library costs the dynamic linker a mapping, its
# relocations and the pages they dirty.  With CARI_FAST_START the programs
# link Snowball's libstemmer and utf8proc from their static archives (when
# Debian's -dev packages ship them) and are linked as fixed-address
# executables (-no-pie), whose data needs no relocation at all: 356 -> 256
# page faults and 4.61 -> 4.22 M instructions per one-query process; and
# --as-needed, so the searcher maps none of the indexer's libraries (libxml2,
# ICU, jansson): 369 -> 290 page faults.  The
# price is that the programs' own code is not placed at random addresses
# (the libraries still are).  Sanitized and fuzzing builds keep the
# defaults.  libcari.so always links the shared libraries.
#
# Defines the interface targets cari_libstemmer and cari_libutf8proc,
# which the tree's static libraries link instead of Stemmer::Stemmer and
# PkgConfig::UTF8PROC.
option(CARI_FAST_START "Link the programs for a fast start (static libstemmer and utf8proc, -no-pie)" ON)

set(CARI_FAST_START_ON OFF)
if(CARI_FAST_START AND NOT CARI_SANITIZE AND NOT CARI_FUZZ)
  set(CARI_FAST_START_ON ON)
endif()

add_library(cari_libstemmer INTERFACE)
add_library(cari_libutf8proc INTERFACE)
find_library(CARI_STEMMER_STATIC NAMES libstemmer.a)
find_library(CARI_UTF8PROC_STATIC NAMES libutf8proc.a HINTS ${UTF8PROC_LIBRARY_DIRS})
mark_as_advanced(CARI_STEMMER_STATIC CARI_UTF8PROC_STATIC)
if(CARI_FAST_START_ON AND CARI_STEMMER_STATIC AND CARI_UTF8PROC_STATIC)
  target_link_libraries(cari_libstemmer INTERFACE ${CARI_STEMMER_STATIC})
  target_include_directories(cari_libstemmer INTERFACE ${Stemmer_INCLUDE_DIR})
  target_link_libraries(cari_libutf8proc INTERFACE ${CARI_UTF8PROC_STATIC})
  target_include_directories(cari_libutf8proc INTERFACE ${UTF8PROC_INCLUDE_DIRS})
  # UTF8PROC_STATIC: utf8proc.h then declares its functions without dllimport
  # (a no-op here, but the documented way to use the archive).
  target_compile_definitions(cari_libutf8proc INTERFACE UTF8PROC_STATIC)
  add_link_options($<$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>:-no-pie>)
  add_link_options($<$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>:-Wl,--as-needed>)
  message(STATUS "Fast start: static libstemmer and utf8proc, -no-pie programs")
else()
  target_link_libraries(cari_libstemmer INTERFACE Stemmer::Stemmer)
  target_link_libraries(cari_libutf8proc INTERFACE PkgConfig::UTF8PROC)
endif()
