# The consumer scenario: the script the build wrote out from the library's
# bytes (build/linker.ld, which the kernel is linked with) is exactly
# linker/linker.ld. memory_map.exp checks the layout it gave the kernel.
set -eu
cmp "$TEST_BUILD/linker.ld" linker/linker.ld
echo "build/linker.ld is byte-identical to linker/linker.ld"
