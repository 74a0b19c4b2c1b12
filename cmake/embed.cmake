# ita_embed_files(TARGET NAMESPACE FILES...) compiles data files into the binary as a table of
# {name, bytes}. The generated source is rebuilt whenever one of the files changes.
function(ita_embed_files target function_name)
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${target}_embedded.cpp)
  # A CMake list would be split by the shell: pass the paths joined with "|".
  string(REPLACE ";" "|" files_argument "${ARGN}")
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DFUNCTION=${function_name}
            "-DFILES=${files_argument}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_script.cmake
    DEPENDS ${ARGN} ${PROJECT_SOURCE_DIR}/cmake/embed_script.cmake
    COMMENT "Embedding data files for ${target}"
    VERBATIM)
  add_library(${target} STATIC ${output})
  target_link_libraries(${target} PRIVATE ita_settings)
endfunction()
