# simul_target_defaults(target): warnings, and sanitizers when SIMUL_SANITIZE is on.
# Scoped to our targets so system headers and imported libraries are untouched.
include(CheckCCompilerFlag)
set(SIMUL_WARNINGS "")
foreach(flag -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
             -Wformat=2 -Wvla)
  string(MAKE_C_IDENTIFIER "HAVE${flag}" var)
  check_c_compiler_flag(${flag} ${var})
  if(${var})
    list(APPEND SIMUL_WARNINGS ${flag})
  endif()
endforeach()

set(SIMUL_SANITIZE_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all
                         -fno-omit-frame-pointer)

function(simul_target_defaults target)
  target_compile_options(${target} PRIVATE ${SIMUL_WARNINGS})
  if(SIMUL_SANITIZE)
    target_compile_options(${target} PRIVATE ${SIMUL_SANITIZE_FLAGS})
    target_link_options(${target} PRIVATE ${SIMUL_SANITIZE_FLAGS})
  endif()
endfunction()
