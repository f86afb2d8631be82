# Embeds every *.<ext> file of a directory into a C++ source as
#   extern const char* const <symbol>[][2];   // {file name, text} pairs, sorted by name
#   extern const std::size_t <symbol>Count;
# in namespace <ns>, so the binary carries data files (instrument definitions) that stay reviewable.
function(stepwise_embed_dir out_var dir ext ns symbol)
  file(GLOB files CONFIGURE_DEPENDS ${dir}/*.${ext})
  list(SORT files)
  get_filename_component(name ${dir} NAME)
  set(out ${CMAKE_BINARY_DIR}/generated/${name}_dir.cc)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DFILES=${files}" -DNS=${ns} -DSYMBOL=${symbol}
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_dir_run.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/embed_dir_run.cmake
    COMMENT "Embedding ${name}/*.${ext}"
    VERBATIM)
  set(${out_var} ${out} PARENT_SCOPE)
endfunction()
