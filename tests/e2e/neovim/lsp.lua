-- Drives `cloud-annotations serve` from Neovim's built-in LSP client (0.7+), headless:
--   nvim --headless -u NONE -i NONE -n -c 'luafile tests/e2e/neovim/lsp.lua' <dir>/_annotations.json
-- Environment: CA_SERVER_DLL (the published server), CA_NVIM_RESULT (JSON written here),
-- CA_NVIM_LINE / CA_NVIM_CHARACTER (0-based position inside a "label" value to complete at).
-- Every wait is bounded and any Lua error ends Neovim with `cquit`, so the test can never hang here.

local result = { steps = {} }
local finished = false

local function step(name) table.insert(result.steps, name) end

local function write_result()
  local path = os.getenv('CA_NVIM_RESULT')
  if not path then return end
  local f = assert(io.open(path, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
end

local function finish(ok)
  if finished then return end
  finished = true
  result.ok = ok
  pcall(write_result)
  if ok then vim.cmd('qall!') else vim.cmd('cquit') end
end

-- Last resort: whatever happens, Neovim leaves within 90 s.
local guard = vim.loop.new_timer()
guard:start(90000, 0, vim.schedule_wrap(function()
  result.error = 'hard timeout: the script did not finish'
  finish(false)
end))

local function run()
  local dll = assert(os.getenv('CA_SERVER_DLL'), 'CA_SERVER_DLL is not set')
  local line = assert(tonumber(os.getenv('CA_NVIM_LINE')), 'CA_NVIM_LINE is not set')
  local character = assert(tonumber(os.getenv('CA_NVIM_CHARACTER')), 'CA_NVIM_CHARACTER is not set')
  local bufnr = vim.api.nvim_get_current_buf()
  local file = vim.api.nvim_buf_get_name(bufnr)
  result.file = file

  local exit = {}
  local client_id = vim.lsp.start_client({
    name = 'cloud-annotations',
    cmd = { 'dotnet', dll, 'serve', '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    -- Started with -u NONE there is no filetype detection; other editors send "json" for this file.
    get_language_id = function() return 'json' end,
    on_exit = function(code, signal) exit.code = code; exit.signal = signal end,
  })
  assert(client_id, 'vim.lsp.start_client failed')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')
  step('started')

  vim.wait(30000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return exit.code ~= nil or (c ~= nil and c.initialized == true)
  end, 50)
  local c = vim.lsp.get_client_by_id(client_id)
  assert(exit.code == nil, 'the server exited with code ' .. tostring(exit.code) .. ' before initializing')
  assert(c and c.initialized, 'the server did not answer initialize within 30 s')
  local client = vim.lsp.get_client_by_id(client_id)
  result.capabilities = {
    completion = client.server_capabilities.completionProvider ~= nil,
    hover = client.server_capabilities.hoverProvider and true or false,
    rename = client.server_capabilities.renameProvider and true or false,
  }
  step('initialized')

  -- Diagnostics are pushed after a debounce: wait until they settle (same count for a while).
  local last, stable_since = -1, vim.loop.now()
  local got = vim.wait(30000, function()
    local n = #vim.diagnostic.get(bufnr)
    if n ~= last then last, stable_since = n, vim.loop.now() end
    return n > 0 and vim.loop.now() - stable_since > 500
  end, 50)
  assert(got, 'no diagnostics within 30 s')
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source, code = d.code,
    })
  end
  step('diagnostics')

  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = line, character = character },
    context = { triggerKind = 1 },
  }
  local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, 15000)
  assert(responses, 'completion request failed: ' .. tostring(err))
  local response = responses[client_id]
  assert(response, 'no completion response from the server')
  assert(not response.err, 'completion error: ' .. vim.inspect(response.err))
  local list = response.result
  local items = (type(list) == 'table' and list.items) or list or {}
  result.completion = {}
  for _, item in ipairs(items) do
    table.insert(result.completion, {
      label = item.label, detail = item.detail, kind = item.kind, sortText = item.sortText,
      filterText = item.filterText, textEdit = item.textEdit,
    })
  end
  step('completion')

  -- Accept the first-ranked item as a user would: Neovim applies its textEdit and sends didChange; the server's
  -- diagnostics must follow the edit (the undeclared label on that line goes away).
  table.sort(items, function(a, b) return (a.sortText or a.label) < (b.sortText or b.label) end)
  assert(items[1] and items[1].textEdit, 'no completion item with a textEdit to apply')
  vim.lsp.util.apply_text_edits({ items[1].textEdit }, bufnr, client.offset_encoding or 'utf-16')
  result.edited_line = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]
  local function undeclared_on_line()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.lnum == line and d.code == 'CA3001' then return true end
    end
    return false
  end
  local cleared = vim.wait(15000, function() return not undeclared_on_line() end, 50)
  result.cleared_after_edit = cleared
  result.diagnostics_after_edit = #vim.diagnostic.get(bufnr)
  step('edited')

  -- Shut down as a user would: stop the client, the server must exit by itself with code 0.
  vim.lsp.stop_client(client_id)
  local exited = vim.wait(15000, function() return exit.code ~= nil end, 50)
  result.exit_code = exit.code
  result.exit_signal = exit.signal
  assert(exited, 'the server did not exit within 15 s of shutdown')
  step('exited')
end

vim.schedule(function()
  local ok, err = pcall(run)
  if not ok then result.error = tostring(err) end
  finish(ok)
end)
