; Syntactic depths for Go. Each capture names a depth; a slice at that depth is the smallest
; captured node that encloses a change. Comments are never slices (filtered in code).

; statement: a statement, a case of a switch or select, a declaration inside a function, a
; struct field or an import block.
[
  (expression_statement)
  (short_var_declaration)
  (assignment_statement)
  (inc_statement)
  (dec_statement)
  (send_statement)
  (return_statement)
  (if_statement)
  (for_statement)
  (expression_switch_statement)
  (type_switch_statement)
  (select_statement)
  (go_statement)
  (defer_statement)
  (labeled_statement)
  (break_statement)
  (continue_statement)
  (goto_statement)
  (fallthrough_statement)
  (var_declaration)
  (const_declaration)
  (import_declaration)
  (expression_case)
  (type_case)
  (default_case)
  (communication_case)
  (field_declaration)
  (method_elem)
] @statement

; block: a brace-delimited list of statements.
(block) @block

; function: a function, method or function literal.
[
  (function_declaration)
  (method_declaration)
  (func_literal)
] @function

; class: a type declaration (struct, interface and other named types).
(type_declaration) @class
