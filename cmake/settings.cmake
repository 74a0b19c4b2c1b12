# Shared compile settings as an INTERFACE target that every ita target links (ccache house style).
add_library(ita_settings INTERFACE)
target_compile_features(ita_settings INTERFACE cxx_std_23)
target_compile_options(ita_settings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
  -Wno-sign-conversion)
target_include_directories(ita_settings INTERFACE ${PROJECT_SOURCE_DIR}/src)
