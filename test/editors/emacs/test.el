;;; test.el --- Batch Emacs test of ime-lint-server through eglot and Flymake  -*- lexical-binding: t -*-
;; Run by test/editors/run.sh as `timeout 60 emacs --batch -Q -l test.el', with
;; IME_LINT_REPORT (a scratch copy of the fixture) and IME_LINT_ORIGINAL (the fixture).
;; Checks the diagnostics, applies the "Insert a Diagnoses section" quick fix with
;; `eglot-code-actions', saves, and checks that the file gained the section and lost nothing.
(require 'cl-lib)

(defvar ime-lint-test--here (file-name-directory load-file-name))
(defvar ime-lint-test--report (or (getenv "IME_LINT_REPORT") (error "IME_LINT_REPORT is not set")))
(defvar ime-lint-test--original (or (getenv "IME_LINT_ORIGINAL") (error "IME_LINT_ORIGINAL is not set")))

(defun ime-lint-test--say (format-string &rest args)
  ;; On standard error, like eglot's own messages, so the log keeps their order.
  (message "emacs: %s" (apply #'format format-string args)))

(defun ime-lint-test--finish (code)
  "Stop the server (killing it if it does not stop) and exit with CODE."
  (let ((server (ignore-errors (with-current-buffer (get-file-buffer ime-lint-test--report) (eglot-current-server)))))
    (when server
      (ignore-errors (eglot-shutdown server nil 2))
      (let ((process (jsonrpc--process server)))
        (when (process-live-p process) (kill-process process)))))
  (kill-emacs code))

(defun ime-lint-test--fail (format-string &rest args)
  (message "emacs: FAIL: %s" (apply #'format format-string args))
  (ime-lint-test--finish 1))

(defun ime-lint-test--wait (what predicate)
  "Wait up to 20 s for PREDICATE, asking Flymake again while it is false."
  (let ((deadline (+ (float-time) 20)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline) (ime-lint-test--fail "timed out waiting for %s" what))
      (flymake-start nil t)
      (accept-process-output nil 0.05))))

(defun ime-lint-test--code (diagnostic)
  (plist-get (cdr (assq 'eglot-lsp-diag (flymake-diagnostic-data diagnostic))) :code))

(defun ime-lint-test--find (code)
  (cl-find code (flymake-diagnostics) :key #'ime-lint-test--code :test #'equal))

(defun ime-lint-test--file-lines (file)
  (with-temp-buffer
    (insert-file-contents file)
    (split-string (buffer-string) "\n")))

(defun ime-lint-test--run ()
  ;; -Q loads no packages: put Debian's elpa-* packages (eglot and what it needs) on load-path.
  (dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
    (when (file-directory-p dir) (add-to-list 'load-path dir)))
  (require 'eglot)
  (load (expand-file-name "ime-lint.el" ime-lint-test--here) nil t)
  (unless (fboundp 'markdown-mode) ; markdown-mode is a separate package; a stand-in will do
    (define-derived-mode markdown-mode text-mode "Markdown"))
  (find-file ime-lint-test--report)
  (markdown-mode)
  ;; `eglot-ensure' waits for a command loop that batch mode never runs: start eglot directly.
  (apply #'eglot (eglot--guess-contact))
  (unless (eglot-current-server) (ime-lint-test--fail "eglot did not connect"))

  (ime-lint-test--wait "diagnostics" #'flymake-diagnostics)
  (ime-lint-test--say "diagnostics: %s"
                      (mapconcat #'identity (sort (mapcar #'ime-lint-test--code (flymake-diagnostics)) #'string<) ", "))
  (dolist (code '("section-missing" "placeholder-left" "causation-speculative"))
    (unless (ime-lint-test--find code) (ime-lint-test--fail "no %s diagnostic" code)))
  (let* ((speculative (ime-lint-test--find "causation-speculative"))
         (beg (flymake-diagnostic-beg speculative)))
    (unless (and (= (line-number-at-pos beg) 64)
                 (string= (buffer-substring beg (flymake-diagnostic-end speculative)) "may have"))
      (ime-lint-test--fail "causation-speculative does not cover \"may have\" on line 64")))
  (unless (string-match-p "\"TBD\"" (flymake-diagnostic-text (ime-lint-test--find "placeholder-left")))
    (ime-lint-test--fail "the placeholder-left message does not name \"TBD\""))

  ;; The quick fix, as M-x eglot-code-actions offers it on the diagnostic, picking it from the menu.
  (let* ((missing (ime-lint-test--find "section-missing"))
         (wanted "Insert a Diagnoses section")
         (offered nil)
         (last-nonmenu-event ?\r)) ; a keyboard command: eglot asks with completing-read, not a popup
    (cl-letf (((symbol-function 'completing-read)
               (lambda (_prompt collection &rest _)
                 (setq offered (mapcar #'car collection))
                 wanted)))
      (eglot-code-actions (flymake-diagnostic-beg missing) (flymake-diagnostic-end missing) nil t))
    (unless (member wanted offered)
      (ime-lint-test--fail "no \"%s\" action (got %s)" wanted (mapconcat #'identity offered "; ")))
    (save-buffer)
    (ime-lint-test--say "applied \"%s\" and saved the file" wanted))

  (ime-lint-test--wait "diagnostics without section-missing"
                       (lambda () (and (flymake-diagnostics) (not (ime-lint-test--find "section-missing")))))
  (ime-lint-test--say "section-missing is gone after the fix")

  (let ((written (ime-lint-test--file-lines ime-lint-test--report))
        (number 0))
    (unless (member "## Diagnoses" written) (ime-lint-test--fail "the saved file has no \"## Diagnoses\" heading"))
    ;; Nothing lost: every original line is still there, in its order.
    (dolist (line (ime-lint-test--file-lines ime-lint-test--original))
      (setq number (1+ number))
      (let ((rest (member line written)))
        (unless rest (ime-lint-test--fail "the saved file lost line %d of the original" number))
        (setq written (cdr rest))))
    (ime-lint-test--say "the saved file has \"## Diagnoses\" and every original line")))

;; A stuck request still ends the run, with the server killed.
(run-with-timer 45 nil (lambda () (ime-lint-test--fail "watchdog: the test took longer than 45 s")))
(condition-case err
    (ime-lint-test--run)
  (error (ime-lint-test--fail "%s" (error-message-string err))))
(ime-lint-test--finish 0)
