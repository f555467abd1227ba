;;; ime-lint.el --- ime-lint for Emacs 28 or later with eglot: put this in init.el (the README shows it verbatim).
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(markdown-mode . ("ime-lint-server" "--stdio"))))
(add-hook 'markdown-mode-hook #'eglot-ensure)
