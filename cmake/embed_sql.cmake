# Embeds migrations/NNNN_name.sql files into a static library as a std::array of db::Migration,
# so the binary carries its schema and the SQL stays in reviewable .sql files.
function(stepwise_embed_sql target dir)
  file(GLOB files CONFIGURE_DEPENDS ${dir}/*.sql)
  list(SORT files)
  set(out ${CMAKE_BINARY_DIR}/generated/migrations.cc)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DFILES=${files}" -P ${CMAKE_SOURCE_DIR}/cmake/embed_sql_run.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/embed_sql_run.cmake
    COMMENT "Embedding SQL migrations"
    VERBATIM)
  add_library(${target} STATIC ${out})
endfunction()
