# Third-party libraries, each behind one promptport_dep_* name.
#
# A target with the property PROMPTPORT_LINK_STATIC set links them from their static
# archives; every other target links the shared libraries. Only the promptport executable
# sets it (PROMPTPORT_STATIC_CLI): a single-prompt call then spends no time in the dynamic
# loader resolving the symbols of a dozen libraries, which was most of its start-up
# (bench/README.md). Tests and the library itself stay dynamic, so that each test binary
# does not carry its own copy of ICU's 30 MB data archive.

find_package(PkgConfig REQUIRED)
find_package(CLI11 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(PNG REQUIRED)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
find_path(CSV_INCLUDE_DIR csv.h REQUIRED)
find_library(CSV_LIBRARY csv REQUIRED)
# jemalloc: a record allocates many small strings, and migrate's workers free what the main
# thread allocated; with glibc's malloc, migrate --jobs 2 is barely faster than --jobs 1
# (bench/README.md). It costs a single-prompt call about 90 page faults of arena set-up,
# so a build for one-off calls only may turn it off.
option(PROMPTPORT_JEMALLOC "Link the promptport executable with jemalloc when it is installed" ON)
if(PROMPTPORT_JEMALLOC)
  find_library(JEMALLOC_LIBRARY jemalloc)
endif()

option(PROMPTPORT_STATIC_CLI
       "Link the promptport executable statically (-static-pie) for a fast start-up" ON)
set(promptport_static_archives
    libyaml-cpp.a libre2.a libicui18n.a libicuuc.a libicudata.a libpng16.a libz.a libcsv.a)
if(PROMPTPORT_STATIC_CLI AND (PROMPTPORT_SANITIZE OR PROMPTPORT_FUZZ))
  message(STATUS "promptport: dynamic executable (sanitizers need the shared runtime)")
  set(PROMPTPORT_STATIC_CLI OFF)
endif()
if(PROMPTPORT_STATIC_CLI)
  foreach(archive IN LISTS promptport_static_archives)
    string(MAKE_C_IDENTIFIER ${archive} var)
    find_library(PROMPTPORT_STATIC_${var} NAMES ${archive})
    if(NOT PROMPTPORT_STATIC_${var})
      message(STATUS "promptport: dynamic executable (no ${archive} found)")
      set(PROMPTPORT_STATIC_CLI OFF)
    endif()
  endforeach()
endif()
if(PROMPTPORT_STATIC_CLI AND JEMALLOC_LIBRARY)
  # A position-independent executable needs the PIC archive.
  find_library(PROMPTPORT_STATIC_libjemalloc_pic_a NAMES libjemalloc_pic.a)
endif()

set(promptport_static "$<BOOL:$<TARGET_PROPERTY:PROMPTPORT_LINK_STATIC>>")
set(promptport_dynamic "$<NOT:${promptport_static}>")

# promptport_dependency(NAME SHARED_TARGET [ARCHIVE...]): NAME links SHARED_TARGET, or the
# archives (found above) when the linking target asks for static libraries.
function(promptport_dependency name shared)
  add_library(${name} INTERFACE)
  target_link_libraries(${name} INTERFACE "$<${promptport_dynamic}:${shared}>")
  foreach(archive IN LISTS ARGN)
    string(MAKE_C_IDENTIFIER ${archive} var)
    if(PROMPTPORT_STATIC_${var})
      target_link_libraries(${name} INTERFACE "$<${promptport_static}:${PROMPTPORT_STATIC_${var}}>")
    elseif(TARGET ${archive})
      target_link_libraries(${name} INTERFACE "$<${promptport_static}:${archive}>")
    endif()
  endforeach()
  # The shared target's headers are needed in both cases (they are usage requirements of
  # the compile, not of the link).
  if(TARGET ${shared})
    target_include_directories(${name} SYSTEM INTERFACE
                               $<TARGET_PROPERTY:${shared},INTERFACE_INCLUDE_DIRECTORIES>)
  endif()
endfunction()

# Debian ships fmt only as a shared library; a static link compiles its implementation
# into the executable instead (cmake/fmt_static.cpp).
if(PROMPTPORT_STATIC_CLI)
  add_library(promptport_fmt_static STATIC ${CMAKE_CURRENT_LIST_DIR}/fmt_static.cpp)
  target_include_directories(promptport_fmt_static SYSTEM PRIVATE
                             $<TARGET_PROPERTY:fmt::fmt,INTERFACE_INCLUDE_DIRECTORIES>)
endif()

promptport_dependency(promptport_dep_fmt fmt::fmt promptport_fmt_static)
promptport_dependency(promptport_dep_yaml yaml-cpp libyaml-cpp.a)
promptport_dependency(promptport_dep_re2 PkgConfig::RE2 libre2.a)
promptport_dependency(promptport_dep_icu PkgConfig::ICU libicui18n.a libicuuc.a libicudata.a)
promptport_dependency(promptport_dep_png PNG::PNG libpng16.a libz.a)
promptport_dependency(promptport_dep_csv ${CSV_LIBRARY} libcsv.a)
target_include_directories(promptport_dep_csv SYSTEM INTERFACE ${CSV_INCLUDE_DIR})
if(JEMALLOC_LIBRARY)
  promptport_dependency(promptport_dep_jemalloc ${JEMALLOC_LIBRARY} libjemalloc_pic.a)
  # The archive needs libm (its profiler's sampling maths), which the shared library links.
  target_link_libraries(promptport_dep_jemalloc INTERFACE "$<${promptport_static}:m>")
endif()
