-- Headless Neovim test of ime-lint-server: diagnostics, hover, a quick fix applied and written.
-- Run by test/editors/run.sh as
--   timeout 60 nvim --headless -u NONE -i NONE -n -c 'luafile test.lua' -c 'cquit 99'
-- with IME_LINT_REPORT (a scratch copy of the fixture) and IME_LINT_ORIGINAL (the fixture).
-- Every way out goes through finish(), which kills the server before exiting: a Lua error
-- falls through to `cquit 99` instead of leaving Neovim waiting.
local uv = vim.loop
local report_path = assert(os.getenv('IME_LINT_REPORT'), 'IME_LINT_REPORT is not set')
local original_path = assert(os.getenv('IME_LINT_ORIGINAL'), 'IME_LINT_ORIGINAL is not set')
local script_dir = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')

local function say(line)
  io.stdout:write('nvim: ' .. line .. '\n')
  io.stdout:flush()
end

local function server_client()
  for _, client in pairs(vim.lsp.get_active_clients()) do
    if client.name == 'ime-lint' then return client end
  end
end

local function finish(code)
  local client = server_client()
  if client then
    client.stop(true)
    if client.rpc.pid then uv.kill(client.rpc.pid, 'sigkill') end
  end
  os.exit(code)
end

local function fail(message)
  io.stderr:write('nvim: FAIL: ' .. message .. '\n')
  finish(1)
end

local function check(condition, message)
  if not condition then fail(message) end
end

local function wait_for(what, predicate)
  check(vim.wait(20000, predicate, 50), 'timed out waiting for ' .. what)
end

local function read_lines(path)
  local lines = {}
  for line in io.lines(path) do lines[#lines + 1] = line end
  return lines
end

local function codes(diagnostics)
  local seen = {}
  for _, d in ipairs(diagnostics) do seen[#seen + 1] = tostring(d.code) end
  table.sort(seen)
  return table.concat(seen, ', ')
end

local function find_code(diagnostics, code)
  for _, d in ipairs(diagnostics) do
    if d.code == code then return d end
  end
end

-- A stuck request or a wait that never ends still ends the run, with the server killed.
local watchdog = uv.new_timer()
watchdog:start(45000, 0, vim.schedule_wrap(function() fail('watchdog: the test took longer than 45 s') end))

local ok, err = xpcall(function()
  dofile(script_dir .. '/ime-lint.lua')
  vim.cmd('edit ' .. vim.fn.fnameescape(report_path))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'markdown' -- -u NONE has no filetype detection

  wait_for('the ime-lint client', function() return server_client() ~= nil and server_client().initialized end)
  local client = server_client()
  wait_for('diagnostics', function() return #vim.diagnostic.get(buf) > 0 end)
  local diagnostics = vim.diagnostic.get(buf)
  say('diagnostics: ' .. codes(diagnostics))
  for _, code in ipairs({ 'section-missing', 'placeholder-left', 'causation-speculative' }) do
    check(find_code(diagnostics, code), 'no ' .. code .. ' diagnostic (got ' .. codes(diagnostics) .. ')')
  end
  local speculative = find_code(diagnostics, 'causation-speculative')
  check(speculative.lnum == 63 and speculative.col == 18 and speculative.end_col == 26,
    ('causation-speculative at %d:%d-%d, expected "may have" at 63:18-26'):format(speculative.lnum, speculative.col, speculative.end_col))
  local placeholder = find_code(diagnostics, 'placeholder-left')
  check(placeholder.message:find('"TBD"', 1, true), 'placeholder-left message does not name "TBD": ' .. placeholder.message)

  local hover = client.request_sync('textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = placeholder.lnum, character = placeholder.col + 1 },
  }, 10000, buf)
  check(hover and hover.result, 'no hover on the placeholder')
  check(hover.result.contents.value:find('**placeholder-left**', 1, true), 'hover does not explain placeholder-left')
  say('hover explains placeholder-left')

  -- The quick fix, as `vim.lsp.buf.code_action()` asks for it on the heading's line.
  local missing = find_code(diagnostics, 'section-missing')
  local response = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = missing.lnum, character = missing.col }, ['end'] = { line = missing.end_lnum, character = missing.end_col } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, missing.lnum) },
  }, 10000, buf)
  check(response and response.result, 'no answer to textDocument/codeAction')
  local titles, action = {}, nil
  for _, candidate in ipairs(response.result) do
    titles[#titles + 1] = candidate.title
    if candidate.title == 'Insert a Diagnoses section' then action = candidate end
  end
  check(action and action.edit, 'no "Insert a Diagnoses section" action (got ' .. table.concat(titles, '; ') .. ')')
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  vim.cmd('silent write')
  say('applied "' .. action.title .. '" and wrote the file')

  wait_for('diagnostics without section-missing', function()
    return not find_code(vim.diagnostic.get(buf), 'section-missing')
  end)
  say('section-missing is gone after the fix')

  local written = read_lines(report_path)
  local heading
  for i, line in ipairs(written) do
    if line == '## Diagnoses' then heading = i end
  end
  check(heading, 'the written file has no "## Diagnoses" heading')
  -- Nothing lost: every original line is still there, in its order.
  local next_line = 1
  for number, line in ipairs(read_lines(original_path)) do
    while next_line <= #written and written[next_line] ~= line do next_line = next_line + 1 end
    check(next_line <= #written, ('the written file lost line %d of the original'):format(number))
    next_line = next_line + 1
  end
  say(('the written file has "## Diagnoses" at line %d and every original line'):format(heading))
end, debug.traceback)

if not ok then fail(tostring(err)) end
watchdog:stop()
finish(0)
