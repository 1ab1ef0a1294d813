-- End-to-end test with Neovim's built-in LSP client (run by .ci/e2e-lsp.sh):
--   V6READY_E2E_CASES="FILE:RULE ..." nvim --headless --cmd "filetype on" -u README-snippet.lua -c "luafile nvim-e2e.lua"
-- The LSP set-up is the README's Neovim recipe, loaded as the config (-u). For each FILE: open it, wait for the
-- RULE diagnostic, hover it, ask for code actions, apply the preferred one, and wait for an empty diagnostic list.
-- Prints "nvim e2e: N passed, M failed" and exits non-zero on a failure.
local passed, failed = 0, 0
local function log(msg) io.stdout:write(msg .. "\n") end

local function lsp_code(d)
  if d.user_data and d.user_data.lsp and d.user_data.lsp.code then return d.user_data.lsp.code end
  return d.code
end

local function check(file, rule)
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local got = vim.wait(60000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do if lsp_code(d) == rule then return true end end
    return false
  end, 50)
  if not got then error(file .. ": no " .. rule .. " diagnostic (filetype '" .. vim.bo.filetype .. "', clients " .. #vim.lsp.buf_get_clients(bufnr) .. ")") end
  local diag
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do if lsp_code(d) == rule then diag = d end end
  local lsp_diag = diag.user_data and diag.user_data.lsp or {}
  if not (lsp_diag.codeDescription and lsp_diag.codeDescription.href:match(rule .. "%.md$")) then
    error(file .. ": the diagnostic does not link to the rule's page")
  end
  local range = { start = { line = diag.lnum, character = diag.col }, ["end"] = { line = diag.end_lnum, character = diag.end_col } }
  local uri = vim.uri_from_bufnr(bufnr)

  local hovers = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", { textDocument = { uri = uri }, position = range.start }, 20000)
  local hover_text = ""
  for _, r in pairs(hovers or {}) do if r.result then hover_text = r.result.contents.value end end
  if not hover_text:find("**Why:**", 1, true) then error(file .. ": hover has no why: " .. hover_text) end

  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction",
    { textDocument = { uri = uri }, range = range, context = { diagnostics = { lsp_diag } } }, 20000)
  local action, client_id
  for id, r in pairs(responses or {}) do
    for _, a in ipairs(r.result or {}) do
      if a.isPreferred and not action then action, client_id = a, id end
    end
  end
  if not action then error(file .. ": no preferred code action") end
  local client = vim.lsp.get_client_by_id(client_id)
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  local clean = vim.wait(60000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50)
  if not clean then
    local left = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(left, tostring(lsp_code(d)) .. " " .. d.message) end
    error(file .. ": diagnostics left after '" .. action.title .. "': " .. table.concat(left, "; "))
  end
  vim.cmd("silent write")
  log("ok   " .. file .. ": " .. rule .. " → '" .. action.title .. "' → no diagnostics")
end

for _, arg in ipairs(vim.split(os.getenv("V6READY_E2E_CASES") or "", " ", { trimempty = true })) do
  local file, rule = arg:match("^(.+):(V%d%d%d%d)$")
  if file then
    local ok, err = pcall(check, file, rule)
    if ok then passed = passed + 1 else failed = failed + 1; log("FAIL " .. tostring(err)) end
  end
end
log(string.format("nvim e2e: %d passed, %d failed", passed, failed))
vim.cmd((failed == 0 and passed > 0) and "qall!" or "cquit!")
