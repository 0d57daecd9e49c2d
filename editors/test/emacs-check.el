;;; emacs-check.el --- checks editors/emacs in a real Emacs  -*- lexical-binding: t; -*-

;; For tests/cli/editor-emacs.sh:
;;
;;   emacs --batch -Q -l editors/emacs/pg-mode.el -l editors/test/emacs-check.el
;;
;; with the environment: PG_EXPECT the output of editors/test/expect.sh,
;; PG_INDENT a file naming the formatted .pg files to re-indent, PG_OUT
;; where the problems go, one a line.

;;; Code:

(set-language-environment "UTF-8")
(prefer-coding-system 'utf-8)
(setq file-name-coding-system 'utf-8
      default-process-coding-system '(utf-8 . utf-8))

(defvar pg-check-problems nil)
(defvar pg-check-count 0)

(defun pg-check-fail (fmt &rest args)
  (push (apply #'format fmt args) pg-check-problems))

(defun pg-check-lines (file)
  (with-temp-buffer
    (let ((coding-system-for-read 'utf-8))
      (insert-file-contents file))
    (split-string (buffer-string) "\n" t)))

(defconst pg-check-faces
  '(("keyword" font-lock-keyword-face) ("control" font-lock-keyword-face)
    ("operator" pg-operator-face) ("delimiter" nil)
    ("number" font-lock-constant-face) ("date" font-lock-constant-face)
    ("string" font-lock-string-face)
    ("comment" font-lock-comment-face font-lock-comment-delimiter-face)
    ("category" font-lock-type-face) ("plain" nil) ("terminator" nil))
  "The faces each class of expect.sh may get.")

(defun pg-check-face-at (pos)
  (let ((f (get-text-property pos 'face)))
    (if (listp f) (car f) f)))

;;;; highlighting, token by token

(let ((buffers (make-hash-table :test #'equal)))
  (dolist (row (pg-check-lines (getenv "PG_EXPECT")))
    (pcase-let* ((`(,file ,l ,c ,n ,cls ,text) (split-string row "\t"))
                 (line (string-to-number l)) (col (string-to-number c))
                 (len (string-to-number n))
                 (want (cdr (assoc cls pg-check-faces))))
      (let ((buf (gethash file buffers)))
        (unless buf
          ;; find-file: auto-mode-alist must choose pg-mode
          (setq buf (let ((coding-system-for-read 'utf-8)) (find-file-noselect file)))
          (puthash file buf buffers)
          (with-current-buffer buf
            (unless (eq major-mode 'pg-mode)
              (pg-check-fail "%s: major mode %s, not pg-mode" file major-mode))
            (font-lock-ensure)))
        (with-current-buffer buf
          (goto-char (point-min))
          (forward-line (1- line))
          (forward-char (1- col))
          (catch 'done
            (dotimes (k len)
              (let ((face (pg-check-face-at (+ (point) k))))
                (setq pg-check-count (1+ pg-check-count))
                (unless (memq face want)
                  (pg-check-fail "%s:%d:%d: %s “%s”: got %s" file line (+ col k) cls text
                                 (or face "no face"))
                  (throw 'done nil))))))))))

;;;; the mode's settings

(with-temp-buffer
  (pg-mode)
  (unless (derived-mode-p 'prog-mode) (pg-check-fail "pg-mode is not derived from prog-mode"))
  (unless (equal comment-start "# ") (pg-check-fail "comment-start is %S" comment-start))
  (unless (eq indent-tabs-mode nil) (pg-check-fail "indent-tabs-mode is on"))
  (unless (= pg-indent-offset 4) (pg-check-fail "pg-indent-offset is %s" pg-indent-offset))
  ;; comment-region writes a # comment
  (insert "指标 甲 = 1\n")
  (comment-region (point-min) (point-max))
  (unless (equal (buffer-string) "# 指标 甲 = 1\n")
    (pg-check-fail "comment-region gives %S" (buffer-string)))
  ;; strings: “…” too, and they end at the line end
  (erase-buffer)
  (insert "甲 “a \\” 乙 “b“c” 庚\n丙 \"c\n丁 “d\n戊 \"e\\\"f\" 己 ” 辛\n")
  (font-lock-ensure)
  (goto-char (point-min))
  (dolist (probe '(("a" font-lock-string-face) ("乙" nil) ("b" font-lock-string-face)
                   ("c" font-lock-string-face) ("庚" nil) ("丙" nil)
                   ("c" font-lock-string-face) ("丁" nil) ("d" font-lock-string-face)
                   ("戊" nil) ("f" font-lock-string-face) ("己" nil) ("辛" nil)))
    (search-forward (car probe))
    (unless (eq (pg-check-face-at (match-beginning 0)) (cadr probe))
      (pg-check-fail "in %S, %s has face %s, not %s" (buffer-string) (car probe)
                     (pg-check-face-at (match-beginning 0)) (cadr probe)))))

;;;; typing: } ｝ and the 则 of 否则 re-indent their line (electric-indent-chars)

(with-temp-buffer
  (pg-mode)
  (electric-indent-local-mode 1)
  (insert "评分方案 甲 {\n    规则 反向 = 如果 实际 ≤ 目标 则 分值\n")
  (dolist (c (string-to-list "否则 0\n项目 乙 ｛\n年度 2023\n｝\n｝"))
    (let ((last-command-event c))
      (if (eq c ?\n) (newline 1 t) (self-insert-command 1))))
  (let ((want "评分方案 甲 {\n    规则 反向 = 如果 实际 ≤ 目标 则 分值\n                否则 0\n    项目 乙 ｛\n        年度 2023\n    ｝\n｝"))
    (unless (equal (buffer-string) want)
      (pg-check-fail "typed %S, want %S" (buffer-string) want))))

;;;; indentation: a formatted file, its indentation taken away or made too
;;;; deep, indent-region puts it back

(let ((n 0))
  (dolist (file (pg-check-lines (getenv "PG_INDENT")))
    ;; twice: every line flush left, then every line 7 columns too deep
    (dolist (mess '(("^[ \t]+" . "") ("^\\(.\\)" . "       \\1")))
      (with-temp-buffer
        (let ((coding-system-for-read 'utf-8))
          (insert-file-contents file))
        (let ((want (buffer-string)))
          (pg-mode)
          (goto-char (point-min))
          (while (re-search-forward (car mess) nil t) (replace-match (cdr mess)))
          (let ((inhibit-message t)) (indent-region (point-min) (point-max)))
          (setq n (1+ n))
          (unless (equal (buffer-string) want)
            (let ((got (split-string (buffer-string) "\n"))
                  (exp (split-string want "\n")) (i 1))
              (while (and got exp (equal (car got) (car exp)))
                (setq got (cdr got) exp (cdr exp) i (1+ i)))
              (pg-check-fail "%s:%d: re-indented as “%s”, want “%s”" file i (car got) (car exp))))))))
  (push (format "emacs: %d characters, %d files re-indented, %d problems"
                pg-check-count n (length pg-check-problems))
        pg-check-problems))

(with-temp-file (getenv "PG_OUT")
  (insert (mapconcat #'identity (reverse pg-check-problems) "\n") "\n"))

;;; emacs-check.el ends here
