# simul_target_defaults(target): warnings, -ffp-contract=off, and sanitizers when SIMUL_SANITIZE is on.
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

# No fused multiply-add unless the source writes one: gcc and clang differ in
# what they contract by default (clang fuses `value + spread * normal` on
# arm64, gcc does not), and a fused result differs in its last bit, which can
# move a duration by a microsecond. Same source, same bytes, whichever compiler.
check_c_compiler_flag(-ffp-contract=off HAVE_FFP_CONTRACT_OFF)
if(HAVE_FFP_CONTRACT_OFF)
  set(SIMUL_FP_FLAGS -ffp-contract=off)
endif()

set(SIMUL_SANITIZE_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all
                         -fno-omit-frame-pointer)

function(simul_target_defaults target)
  target_compile_options(${target} PRIVATE ${SIMUL_WARNINGS} ${SIMUL_FP_FLAGS})
  if(SIMUL_SANITIZE)
    target_compile_options(${target} PRIVATE ${SIMUL_SANITIZE_FLAGS})
    target_link_options(${target} PRIVATE ${SIMUL_SANITIZE_FLAGS})
  endif()
endfunction()
