// fmt's compiled part, for the statically linked executable (Debian has no libfmt.a):
// the same translation unit as fmt's own src/format.cc builds.
#include <fmt/format-inl.h>

template char fmt::detail::decimal_point_impl<char>(fmt::detail::locale_ref);
template fmt::detail::thousands_sep_result<char> fmt::detail::thousands_sep_impl<char>(
    fmt::detail::locale_ref);
