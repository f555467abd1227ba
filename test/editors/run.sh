#!/usr/bin/env bash
# Proves ime-lint in real editors: Neovim and Emacs drive `ime-lint-server --stdio` headlessly,
# and the VS Code suite runs when a VS Code is available (it skips itself otherwise).
# Prints PASS, FAIL or SKIP per editor and closes with "editors: N passed, N failed, N skipped".
# Exits non-zero when an installed editor's test fails; a missing editor is a SKIP.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/test/editors"
FIXTURE="$HERE/fixtures/lumbar-ime.md"
LIMIT=60 # seconds per editor: each takes about one

[ -f "$ROOT/dist/server.cjs" ] || node "$ROOT/scripts/build.mjs" || exit 1

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# `ime-lint-server` on PATH, as `npm install -g` puts it, so the tests use the README's configuration verbatim.
mkdir "$WORK/bin"
printf '#!/bin/sh\nexec "%s" "%s/dist/server.cjs" "$@"\n' "$(command -v node)" "$ROOT" >"$WORK/bin/ime-lint-server"
chmod +x "$WORK/bin/ime-lint-server"
export PATH="$WORK/bin:$PATH"

passed=0 failed=0 skipped=0

# The README shows the Neovim and eglot configurations these tests load, verbatim (less their header comments).
for config in "$HERE/nvim/ime-lint.lua" "$HERE/emacs/ime-lint.el"; do
  if ! node -e '
    const { readFileSync } = require("node:fs");
    const [readme, config] = process.argv.slice(1).map((file) => readFileSync(file, "utf8"));
    const lines = config.split("\n");
    let start = 0;
    while (/^(--|;)/.test(lines[start])) start += 1;
    process.exit(readme.includes(lines.slice(start).join("\n").trim()) ? 0 : 1);
  ' "$ROOT/README.md" "$config"; then
    echo "FAIL readme: the README's \"Editors\" section does not show ${config#"$ROOT/"} as it is"
    failed=$((failed + 1))
  fi
done

# run_editor NAME BINARY COMMAND...: runs COMMAND in a scratch folder holding a copy of the fixture.
run_editor() {
  local name=$1 binary=$2
  shift 2
  if ! command -v "$binary" >/dev/null; then
    echo "SKIP $name: $binary is not installed"
    skipped=$((skipped + 1))
    return
  fi
  local folder="$WORK/$name"
  mkdir -p "$folder"
  cp "$FIXTURE" "$folder/lumbar-ime.md"
  local status=0
  (cd "$folder" && IME_LINT_REPORT="$folder/lumbar-ime.md" IME_LINT_ORIGINAL="$FIXTURE" timeout -k 5 "$LIMIT" "$@") </dev/null >"$folder.log" 2>&1 || status=$?
  sed 's/^/  /' "$folder.log"
  if [ "$status" -eq 0 ]; then
    echo "PASS $name"
    passed=$((passed + 1))
  else
    [ "$status" -eq 124 ] && echo "  (killed after ${LIMIT} s)"
    echo "FAIL $name (exit status $status)"
    failed=$((failed + 1))
  fi
}

# `cquit 99` runs only when the Lua script ended without exiting: an error in it is a failure, not a hang.
run_editor neovim nvim nvim --headless -u NONE -i NONE -n -c "luafile $HERE/nvim/test.lua" -c 'cquit 99'
run_editor emacs emacs emacs --batch -Q -l "$HERE/emacs/test.el"

# The VS Code suite always type-checks, and runs where a VS Code is available.
vscode_log="$WORK/vscode.log"
if (cd "$ROOT" && npx tsc -p test/editors/vscode/tsconfig.json && timeout 600 npx tsx test/editors/vscode/run.ts) </dev/null >"$vscode_log" 2>&1; then
  sed 's/^/  /' "$vscode_log"
  if grep -q '^skipped: no VS Code available' "$vscode_log"; then
    echo "SKIP vscode: no VS Code available (see README, Editors)"
    skipped=$((skipped + 1))
  else
    echo "PASS vscode"
    passed=$((passed + 1))
  fi
else
  sed 's/^/  /' "$vscode_log"
  echo "FAIL vscode"
  failed=$((failed + 1))
fi

echo "editors: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
