# The Debian package: `cpack -G DEB` in the build folder makes
# cari_VERSION_ARCH.deb of what `cmake --install` installs, under /usr:
# the programs, libcari (shared and static), cari.h, cari.pc, the man
# pages, the bash completion, the synonym list and the Python module.
# Depends is worked out by dpkg-shlibdeps from the libraries the files
# link (libxapian30, libstemmer0d, ...), python3 added for the module.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME cari)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "cari developers <cari@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "full-text search for Indonesian text")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "cari indexes Indonesian articles, splits them into passages and ranks\n"
    "the passages with BM25, stemming with its own Indonesian stemmer.\n"
    "Programs cari-indexer, cari-searcher, cari-stemmer, the C library\n"
    "libcari with cari.h and cari.pc, and the Python module cari.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# libcari.so.0 is in the package itself.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${PROJECT_BINARY_DIR}/lib)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "python3")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
include(CPack)
