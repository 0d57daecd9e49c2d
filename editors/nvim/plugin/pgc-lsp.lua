-- pgc-lsp.lua — `pgc lsp` for every pg buffer, in Neovim 0.7 and later
-- (Debian 12 ships 0.7.2, which has vim.lsp.start_client but not
-- vim.lsp.start).  Install it beside editors/vim (doc/editors.md):
--   ln -s "$PGC/editors/nvim" ~/.local/share/nvim/site/pack/pgc/start/pg-lsp
-- vim.g.pgc_lsp_cmd overrides the command ({ "pgc", "lsp" }).
local clients = {}  -- root directory -> client id

local function root_of(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  local git = vim.fn.finddir(".git", dir .. ";")
  if git ~= "" then
    return vim.fn.fnamemodify(git, ":p:h:h")
  end
  return dir
end

local function attach(buf)
  local path = vim.api.nvim_buf_get_name(buf)
  if path == "" then
    return
  end
  local root = root_of(path)
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({
      name = "pgc",
      cmd = vim.g.pgc_lsp_cmd or { "pgc", "lsp" },
      root_dir = root,
      on_init = function(client)
        -- inlay hints and code lenses: shown as virtual text by Neovim's codelens
        return true
      end,
    })
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(buf, id)
  end
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "pg",
  callback = function(args) attach(args.buf) end,
})
