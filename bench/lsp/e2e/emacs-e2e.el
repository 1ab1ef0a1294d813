;;; emacs-e2e.el --- end-to-end test of `v6ready server' with Emacs's Eglot (run by .ci/e2e-lsp.sh)  -*- lexical-binding: t -*-
;;
;;   V6READY_E2E_CASES="FILE:RULE ..." emacs --batch -l README-snippet.el -l emacs-e2e.el
;;
;; The Eglot set-up is the README's Emacs recipe, loaded first.  For each FILE: visit it (its major mode's hook runs
;; `eglot-ensure'), wait for the RULE diagnostic in Flymake, hover it, ask for code actions, apply the preferred one
;; as `eglot-code-actions' does, wait for an empty Flymake list, save.  Batch Emacs has no command loop, so
;; `v6e2e-idle' does what the loop does between keystrokes: run `post-command-hook' (where `eglot-ensure' connects),
;; run `window-configuration-change-hook' as redisplay does after a buffer is shown (where Flymake starts), fire the
;; idle timers (Eglot's didChange, Flymake's checks, ElDoc) and read the server's output.
;; Prints "emacs e2e: N passed, M failed" and exits non-zero on a failure.

(require 'cl-lib)
(require 'eglot)
(require 'flymake)

(defvar v6e2e-passed 0)
(defvar v6e2e-failed 0)

(defun v6e2e-log (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n") #'external-debugging-output))

(defun v6e2e-idle ()
  (run-hooks 'post-command-hook)
  (run-window-configuration-change-hook) ; what redisplay runs when a buffer was shown (Flymake starts there)
  (dolist (timer (copy-sequence timer-idle-list))
    (when (memq timer timer-idle-list)
      (timer-event-handler timer))) ; takes it off the list (and puts a repeating one back) before running it
  (accept-process-output nil 0.05))

(defun v6e2e-wait (what seconds predicate)
  (let ((deadline (+ (float-time) seconds)) result)
    (while (and (not (setq result (funcall predicate))) (< (float-time) deadline))
      (v6e2e-idle))
    (or result (error "%s: timed out after %ss" what seconds))))

(defun v6e2e-lsp-diag (d) (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d))))

(defun v6e2e-diagnostics () (flymake-diagnostics (point-min) (point-max)))

(defun v6e2e-find (rule)
  (cl-find-if (lambda (d) (equal (plist-get (v6e2e-lsp-diag d) :code) rule)) (v6e2e-diagnostics)))

(defun v6e2e-check (file rule)
  (find-file file)
  (let ((buffer (current-buffer)))
    (v6e2e-wait (format "%s: no %s diagnostic (mode %s, eglot %s)" file rule major-mode
                        (if (eglot-current-server) "connected" "not connected"))
                120 (lambda () (with-current-buffer buffer (v6e2e-find rule))))
    (let* ((diag (v6e2e-find rule))
           (lsp (v6e2e-lsp-diag diag))
           (href (plist-get (plist-get lsp :codeDescription) :href)))
      (unless (and href (string-match-p (concat rule "\\.md\\'") href))
        (error "%s: the diagnostic does not link to the rule's page" file))
      (goto-char (flymake-diagnostic-beg diag))
      (let* ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                     (eglot--TextDocumentPositionParams)))
             (text (plist-get (plist-get hover :contents) :value)))
        (unless (and text (string-match-p (regexp-quote "**Why:**") text))
          (error "%s: hover has no why: %S" file text)))
      (let* ((actions (eglot-code-actions (flymake-diagnostic-beg diag) (flymake-diagnostic-end diag)))
             (preferred (cl-find-if (lambda (a) (eq (plist-get a :isPreferred) t)) actions)))
        (unless preferred (error "%s: no preferred code action among %S" file (mapcar (lambda (a) (plist-get a :title)) actions)))
        (eglot--apply-workspace-edit (plist-get preferred :edit))
        (v6e2e-wait (format "%s: diagnostics left after '%s'" file (plist-get preferred :title))
                    120 (lambda () (with-current-buffer buffer (null (v6e2e-diagnostics)))))
        (save-buffer)
        (v6e2e-log "ok   %s: %s -> '%s' -> no diagnostics" file rule (plist-get preferred :title))))))

(dolist (arg (split-string (or (getenv "V6READY_E2E_CASES") "") " " t))
  (when (string-match "\\`\\(.+\\):\\(V[0-9]\\{4\\}\\)\\'" arg)
    (let ((file (match-string 1 arg)) (rule (match-string 2 arg)))
      (condition-case err
          (progn (v6e2e-check file rule) (cl-incf v6e2e-passed))
        (error (cl-incf v6e2e-failed) (v6e2e-log "FAIL %s" (error-message-string err)))))))
(when (> v6e2e-failed 0)
  ;; The server's stderr (its log) and the end of Eglot's events buffer, for the CI log.
  (dolist (b (buffer-list))
    (when (string-match-p "EGLOT.*\\(stderr\\|events\\)" (buffer-name b))
      (with-current-buffer b
        (v6e2e-log "---- %s (last 6000 characters)\n%s" (buffer-name b)
                   (buffer-substring-no-properties (max (point-min) (- (point-max) 6000)) (point-max)))))))
(v6e2e-log "emacs e2e: %d passed, %d failed" v6e2e-passed v6e2e-failed)
(kill-emacs (if (and (= v6e2e-failed 0) (> v6e2e-passed 0)) 0 1))
