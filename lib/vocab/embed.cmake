# Writes OUT: a C++ file defining one std::string_view per input table, named
# promptport::vocab::data::<basename>_tsv. Run with cmake -P.
set(content "// Generated from lib/vocab/*.tsv by embed.cmake; do not edit.\n#include <string_view>\nnamespace promptport::vocab::data {\n")
foreach(input IN LISTS INPUTS)
  get_filename_component(base ${input} NAME_WE)
  file(READ ${input} body)
  string(APPEND content "extern const std::string_view ${base}_tsv;\nconst std::string_view ${base}_tsv = R\"PPVOCAB(${body})PPVOCAB\";\n")
endforeach()
string(APPEND content "}  // namespace promptport::vocab::data\n")
file(WRITE ${OUT} "${content}")
