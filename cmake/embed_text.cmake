# Embeds a text file into a C++ source as `extern const char* const <symbol>` in namespace <ns>.
function(stepwise_embed_text out_var file ns symbol)
  get_filename_component(name ${file} NAME_WE)
  set(out ${CMAKE_BINARY_DIR}/generated/${name}_text.cc)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DNS=${ns} -DSYMBOL=${symbol}
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_text_run.cmake
    DEPENDS ${file} ${CMAKE_SOURCE_DIR}/cmake/embed_text_run.cmake
    COMMENT "Embedding ${name}")
  set(${out_var} ${out} PARENT_SCOPE)
endfunction()
