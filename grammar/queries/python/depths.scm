; Syntactic depths for Python. Each capture names a depth; a slice at that depth is the
; smallest captured node that encloses a change. Comments are never slices (filtered in code).

; statement: a simple or compound statement (definitions are functions and classes below).
[
  (expression_statement)
  (return_statement)
  (assert_statement)
  (raise_statement)
  (pass_statement)
  (break_statement)
  (continue_statement)
  (delete_statement)
  (global_statement)
  (nonlocal_statement)
  (import_statement)
  (import_from_statement)
  (future_import_statement)
  (type_alias_statement)
  (if_statement)
  (for_statement)
  (while_statement)
  (try_statement)
  (with_statement)
  (match_statement)
] @statement

; block: an indented suite of statements.
(block) @block

; function: a function or method definition (decorators are outside it).
(function_definition) @function

; class: a class definition.
(class_definition) @class
