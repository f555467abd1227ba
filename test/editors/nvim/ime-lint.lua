-- ime-lint for Neovim 0.7 or later: put this in init.lua (the README shows it verbatim).
-- Starts one `ime-lint-server --stdio` and attaches every Markdown buffer to it.
local ime_lint_client_id
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'markdown',
  callback = function(args)
    if not (ime_lint_client_id and vim.lsp.get_client_by_id(ime_lint_client_id)) then
      ime_lint_client_id = vim.lsp.start_client({
        name = 'ime-lint',
        cmd = { 'ime-lint-server', '--stdio' },
        root_dir = vim.fn.getcwd(),
      })
    end
    vim.lsp.buf_attach_client(args.buf, ime_lint_client_id)
  end,
})
