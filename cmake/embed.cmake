# simul_embed_scenarios(OUT_C FILES...): writes a C file holding each scenario
# file's bytes as an array, and the table scn_builtin_at() reads. Built-in
# scenarios then work from any directory with no install step.
function(simul_embed_scenarios out_c)
  set(files ${ARGN})
  add_custom_command(
    OUTPUT ${out_c}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_c} "-DFILES=${files}" -P
            ${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding built-in scenarios"
    VERBATIM)
endfunction()
