-- The Neovim end-to-end test of pgc lsp (tests/cli/editor-nvim-lsp.sh):
-- opens a file with 质量指考, waits for its diagnostic, checks its place,
-- applies the quick fix, asks for a hover and a completion.  Writes one
-- line per check to $PG_OUT, "ok ..." or "FAIL ...", then "done".
local out = assert(io.open(os.getenv("PG_OUT"), "w"))
local failed = 0
local function check(ok, what)
  out:write((ok and "ok " or "FAIL ") .. what .. "\n")
  if not ok then failed = failed + 1 end
end
local buf = vim.api.nvim_get_current_buf()
local client
vim.wait(5000, function()
  client = vim.lsp.get_active_clients()[1]
  return client ~= nil and client.initialized
end, 20)
check(client ~= nil, "the pgc client is attached")
local diags = {}
vim.wait(5000, function()
  diags = vim.diagnostic.get(buf)
  return #diags > 0
end, 20)
check(#diags == 1, "one diagnostic: " .. #diags)
local d = diags[1] or {}
local line = vim.api.nvim_buf_get_lines(buf, d.lnum or 0, (d.lnum or 0) + 1, false)[1] or ""
check(line:sub((d.col or 0) + 1, d.end_col or 0) == "质量指考", "the diagnostic is under 质量指考: '" ..
      line:sub((d.col or 0) + 1, d.end_col or 0) .. "'")
check((d.message or ""):find("质量指标", 1, true) ~= nil, "its message suggests 质量指标")
-- the quick fix
local params = vim.lsp.util.make_range_params()
params.range = { start = { line = d.lnum, character = 9 }, ["end"] = { line = d.lnum, character = 9 } }
params.context = { diagnostics = {} }
local res = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 5000) or {}
local action
for _, r in pairs(res) do
  for _, a in ipairs(r.result or {}) do
    if a.kind == "quickfix" then action = a end
  end
end
check(action ~= nil, "a quick fix is offered")
if action then
  vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
end
line = vim.api.nvim_buf_get_lines(buf, d.lnum or 0, (d.lnum or 0) + 1, false)[1] or ""
check(line:find("质量指标 {", 1, true) ~= nil, "the quick fix wrote 质量指标: " .. line)
vim.wait(5000, function() return #vim.diagnostic.get(buf) == 0 end, 20)
check(#vim.diagnostic.get(buf) == 0, "no diagnostic after the fix")
-- hover on 敬老卡一次合格率
local row
for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  if l:find("敬老卡一次合格率", 1, true) then row = i - 1 end
end
local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover",
  { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = row, character = 16 } }, 5000) or {}
local text = ""
for _, r in pairs(hover) do
  if r.result then text = r.result.contents.value end
end
check(text:find("≥ 98%", 1, true) ~= nil and text:find("正向", 1, true) ~= nil,
      "hover shows ≥ 98% and the rule 正向")
-- completion under 产出指标 (on the line of 质量指标)
local comp = vim.lsp.buf_request_sync(buf, "textDocument/completion",
  { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = d.lnum, character = 8 } }, 5000) or {}
local labels = {}
for _, r in pairs(comp) do
  for _, it in ipairs(r.result or {}) do table.insert(labels, it.label) end
end
check(table.concat(labels, " ") == "数量指标 质量指标 时效指标 成本指标", "completion: " .. table.concat(labels, " "))
out:write("done " .. failed .. " failed\n")
out:close()
vim.cmd("qall!")
