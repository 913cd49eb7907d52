# Every C file in the repository is formatted by the repository's
# .clang-format.
set -eu
files=$(git ls-files '*.c' '*.h')
clang-format --dry-run --Werror $files
echo "$(wc -w <<<"$files") files formatted"
