;;; pg-eglot.el --- pgc lsp for pg-mode, through eglot  -*- lexical-binding: t -*-

;; Debian 12: apt install elpa-eglot.  Then, after (require 'pg-mode):
;;   (require 'pg-eglot)
;;   (add-hook 'pg-mode-hook #'eglot-ensure)
;; `pg-eglot-command' is the server's command line.

;;; Code:

(require 'eglot)
(require 'pg-mode)

(defgroup pg-eglot nil "The pgc language server in Emacs." :group 'pg)

(defcustom pg-eglot-command '("pgc" "lsp")
  "The command that runs the pgc language server."
  :type '(repeat string))

(add-to-list 'eglot-server-programs
             `(pg-mode . ,(lambda (&rest _) pg-eglot-command)))

(provide 'pg-eglot)
;;; pg-eglot.el ends here
